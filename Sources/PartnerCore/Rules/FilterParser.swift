/// The recursive-descent parser behind `FilterExpression.parse`.
struct FilterParser {
    let text: [Unicode.Scalar]
    let fields: Set<String>
    var index = 0
    var depth = 0

    init(text: [Unicode.Scalar], fields: Set<String>) {
        self.text = text
        self.fields = fields
    }

    func fail(_ expected: String, at position: Int? = nil) -> DomainError {
        let at = position ?? index
        let found =
            at < text.count ? "'\(String(String.UnicodeScalarView(text[at..<min(at + 12, text.count)])))'" : "the end"
        return DomainError.invalid(
            field: "filter", reason: "at position \(at + 1): expected \(expected), found \(found)")
    }

    mutating func skipSpaces() { while index < text.count, text[index].properties.isWhitespace { index += 1 } }

    /// Consumes `keyword` (AND, OR, NOT) when it stands as a whole word here.
    mutating func keyword(_ keyword: String) -> Bool {
        skipSpaces()
        let scalars = Array(keyword.unicodeScalars)
        guard index + scalars.count <= text.count, Array(text[index..<index + scalars.count]) == scalars else {
            return false
        }
        let after = index + scalars.count
        if after < text.count, Self.isWordScalar(text[after]) { return false }
        index = after
        return true
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s) || "._-@*+".unicodeScalars.contains(s)
    }

    mutating func orExpression() throws(DomainError) -> FilterExpression {
        var left = try andExpression()
        while keyword("OR") { left = .or(left, try andExpression()) }
        return left
    }

    mutating func andExpression() throws(DomainError) -> FilterExpression {
        var left = try notExpression()
        while keyword("AND") { left = .and(left, try notExpression()) }
        return left
    }

    mutating func notExpression() throws(DomainError) -> FilterExpression {
        if keyword("NOT") { return .not(try notExpression()) }
        return try primary()
    }

    mutating func primary() throws(DomainError) -> FilterExpression {
        skipSpaces()
        if index < text.count, text[index] == "(" {
            depth += 1
            guard depth <= 32 else { throw fail("at most 32 nested parentheses") }
            index += 1
            let inner = try orExpression()
            skipSpaces()
            guard index < text.count, text[index] == ")" else { throw fail("')'") }
            index += 1
            depth -= 1
            return inner
        }
        let start = index
        let field = word()
        guard !field.isEmpty else { throw fail("a field name or '('") }
        guard fields.contains(field) else {
            throw fail("a field among \(fields.sorted().joined(separator: ", "))", at: start)
        }
        skipSpaces()
        let op = try comparator()
        skipSpaces()
        return .compare(field: field, op: op, value: try value())
    }

    mutating func word() -> String {
        var out = String.UnicodeScalarView()
        while index < text.count, Self.isWordScalar(text[index]) {
            out.append(text[index])
            index += 1
        }
        return String(out)
    }

    mutating func comparator() throws(DomainError) -> FilterExpression.Operator {
        for op in [FilterExpression.Operator.lessOrEqual, .greaterOrEqual, .notEqual, .equal, .less, .greater, .has] {
            let scalars = Array(op.rawValue.unicodeScalars)
            if index + scalars.count <= text.count, Array(text[index..<index + scalars.count]) == scalars {
                index += scalars.count
                return op
            }
        }
        throw fail("an operator (=, !=, <, <=, >, >=, :)")
    }

    mutating func value() throws(DomainError) -> String {
        if index < text.count, text[index] == "\"" {
            let start = index
            index += 1
            var out = String.UnicodeScalarView()
            while index < text.count, text[index] != "\"" {
                if text[index] == "\\", index + 1 < text.count { index += 1 }
                out.append(text[index])
                index += 1
            }
            guard index < text.count else {
                throw fail("a closing '\"' for the string opened at position \(start + 1)")
            }
            index += 1
            return String(out)
        }
        let bare = word()
        guard !bare.isEmpty else { throw fail("a value") }
        return bare
    }

    mutating func expectEnd() throws(DomainError) {
        skipSpaces()
        guard index == text.count else { throw fail("AND, OR or the end of the filter") }
    }
}

/// A list filter in the style of AIP-160 (Cloud Channel's `ListCustomers` filter): field
/// comparisons joined by `AND`, `OR` and `NOT` (precedence NOT, then AND, then OR), with
/// parentheses.
///
/// - `field = value`, `!=`, `<`, `<=`, `>`, `>=` compare as text (times are RFC 3339, so they
///   order as text); a boolean field takes `true` / `false`.
/// - `field : value` is "has": the field contains the value, case-insensitively; a value
///   ending in `*` is a prefix match.
/// - Values are bare words or double-quoted strings (`\"` and `\\` escape).
///
/// ```swift
/// let filter = try FilterExpression.parse(#"customerType = DOMAIN AND (displayName : "acme" OR NOT state = ACTIVE)"#,
///                                          fields: ["customerType", "displayName", "state"])
/// filter.matches { field in values[field] }
/// ```
public indirect enum FilterExpression: Sendable, Hashable {
    /// A comparison of one field with a value.
    case compare(field: String, op: Operator, value: String)
    /// Both hold.
    case and(FilterExpression, FilterExpression)
    /// Either holds.
    case or(FilterExpression, FilterExpression)
    /// It does not hold.
    case not(FilterExpression)

    /// A comparison operator.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// Equal (case-insensitive).
        case equal = "="
        /// Not equal (case-insensitive); an absent field is not equal to anything.
        case notEqual = "!="
        /// Less than, as text.
        case less = "<"
        /// At most, as text.
        case lessOrEqual = "<="
        /// Greater than, as text.
        case greater = ">"
        /// At least, as text.
        case greaterOrEqual = ">="
        /// Has: contains, case-insensitive; a value ending in `*` is a prefix.
        case has = ":"
    }

    /// Whether a record whose field values `value(field)` gives (nil: absent) matches.
    public func matches(_ value: (String) -> String?) -> Bool {
        switch self {
        case .and(let a, let b): return a.matches(value) && b.matches(value)
        case .or(let a, let b): return a.matches(value) || b.matches(value)
        case .not(let a): return !a.matches(value)
        case .compare(let field, let op, let wanted):
            guard let actual = value(field) else { return op == .notEqual }
            switch op {
            case .equal: return actual.lowercased() == wanted.lowercased()
            case .notEqual: return actual.lowercased() != wanted.lowercased()
            case .less: return actual < wanted
            case .lessOrEqual: return actual <= wanted
            case .greater: return actual > wanted
            case .greaterOrEqual: return actual >= wanted
            case .has:
                let haystack = actual.lowercased()
                if wanted.hasSuffix("*") { return haystack.hasPrefix(wanted.dropLast().lowercased()) }
                return haystack.contains(wanted.lowercased())
            }
        }
    }

    /// Parses `text`, allowing only `fields`.
    /// - Throws: INVALID_ARGUMENT field `filter`, naming the 1-based character position and
    ///   what was expected there.
    public static func parse(_ text: String, fields: Set<String>) throws(DomainError) -> FilterExpression {
        var parser = FilterParser(text: Array(text.unicodeScalars), fields: fields)
        let expression = try parser.orExpression()
        try parser.expectEnd()
        return expression
    }
}

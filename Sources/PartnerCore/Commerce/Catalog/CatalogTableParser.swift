/// Reads the catalogue's line-based table format.
///
/// One record per line, fields separated by `|`, surrounding spaces trimmed. Blank lines and
/// lines starting with `#` are ignored. Two record types:
///
/// ```text
/// family | <id> | <name> | <essentials: yes|no>
/// sku | <skuId> | <familyId> | <name> | <plan> | <price minor units> <ISO 4217> | <max seats>
///     | <customer types: DOMAIN,TEAM> | <education: ANY|ONLY> | <requires: - or id,family:id,...>
/// ```
/// (a `sku` record is written on one line.) Families may appear after the SKUs that use them;
/// cross-references are checked by `Catalog.init` once the whole table is read.
public enum CatalogTableParser {
    /// Parses `text` into a validated catalogue.
    /// - Throws: `CatalogTableError` naming the line and what was wrong.
    public static func parse(_ text: String) throws -> Catalog {
        var families: [ProductFamily] = []
        var products: [Product] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            switch fields[0] {
            case "family":
                families.append(try family(fields, line: lineNumber))
            case "sku":
                products.append(try product(fields, line: lineNumber))
            default:
                throw CatalogTableError(
                    line: lineNumber, message: "unknown record type '\(fields[0])' (expected family or sku)")
            }
        }
        return try Catalog(families: families, products: products)
    }

    private static func family(_ fields: [String], line: Int) throws -> ProductFamily {
        guard fields.count == 4 else {
            throw CatalogTableError(line: line, message: "a family record has 4 fields, found \(fields.count)")
        }
        return ProductFamily(
            id: try identifier(fields[1], line: line),
            name: try nonEmpty(fields[2], what: "family name", line: line),
            essentials: try yesNo(fields[3], line: line))
    }

    private static func product(_ fields: [String], line: Int) throws -> Product {
        guard fields.count == 10 else {
            throw CatalogTableError(line: line, message: "a sku record has 10 fields, found \(fields.count)")
        }
        guard let plan = BillingPlan(rawValue: fields[4]) else {
            throw CatalogTableError(line: line, message: "unknown plan '\(fields[4])' (MONTHLY, ANNUAL or FLEXIBLE)")
        }
        let priceParts = fields[5].split(separator: " ", omittingEmptySubsequences: true)
        guard priceParts.count == 2, let amount = Int64(priceParts[0]), amount >= 0,
            let currency = CurrencyCode(String(priceParts[1]))
        else {
            throw CatalogTableError(line: line, message: "price '\(fields[5])' is not '<minor units> <ISO 4217 code>'")
        }
        guard let maxSeats = Int(fields[6]), maxSeats >= 1 else {
            throw CatalogTableError(line: line, message: "seat maximum '\(fields[6])' is not a whole number >= 1")
        }
        var domain = false
        var team = false
        for type in fields[7].split(separator: ",").map({ $0.trimmingSpaces() }) {
            switch type {
            case "DOMAIN": domain = true
            case "TEAM": team = true
            default: throw CatalogTableError(line: line, message: "unknown customer type '\(type)' (DOMAIN or TEAM)")
            }
        }
        let educationOnly: Bool
        switch fields[8] {
        case "ANY": educationOnly = false
        case "ONLY": educationOnly = true
        default: throw CatalogTableError(line: line, message: "education must be ANY or ONLY, found '\(fields[8])'")
        }
        var requirements: [BaseRequirement] = []
        if fields[9] != "-" {
            for item in fields[9].split(separator: ",").map({ $0.trimmingSpaces() }) {
                if item.hasPrefix("family:") {
                    requirements.append(.family(try identifier(String(item.dropFirst(7)), line: line)))
                } else {
                    requirements.append(.sku(try identifier(item, line: line)))
                }
            }
        }
        return Product(
            skuId: try identifier(fields[1], line: line),
            familyId: try identifier(fields[2], line: line),
            name: try nonEmpty(fields[3], what: "SKU name", line: line),
            plan: plan,
            unitPrice: Money(minorUnits: amount, currency: currency),
            maxSeats: maxSeats,
            eligibility: ProductEligibility(domainCustomers: domain, teamCustomers: team, educationOnly: educationOnly),
            requiresAnyOf: requirements)
    }

    private static func identifier(_ value: String, line: Int) throws -> String {
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
        }
        guard !value.isEmpty, allowed else {
            throw CatalogTableError(line: line, message: "'\(value)' is not an id (lower-case letters, digits, '-')")
        }
        return value
    }

    private static func nonEmpty(_ value: String, what: String, line: Int) throws -> String {
        guard !value.isEmpty else { throw CatalogTableError(line: line, message: "\(what) is empty") }
        return value
    }

    private static func yesNo(_ value: String, line: Int) throws -> Bool {
        switch value {
        case "yes": return true
        case "no": return false
        default: throw CatalogTableError(line: line, message: "expected yes or no, found '\(value)'")
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}

/// Filters of `Customers.List`; all given filters must match.
public struct CustomerFilter: Sendable, Hashable, Codable {
    /// Case-insensitive text found in the display name, organisation name, domain, Cloud
    /// Identity id or admin email.
    public var text: String?
    /// Only this type.
    public var customerType: CustomerType?
    /// Only this state (DELETED customers are never listed).
    public var state: CustomerState?
    /// Only education (true) or non-education (false) customers.
    public var education: Bool?
    /// An AIP-160 style filter expression over `CustomerFilter.expressionFields`.
    public var expression: String?
    /// Order: comma-separated `field [asc|desc]` among `CustomerFilter.orderFields`; `nil`
    /// is creation order.
    public var orderBy: String?

    /// The fields a filter expression may name.
    public static let expressionFields: Set<String> = [
        "displayName", "organisationName", "primaryDomain", "customerType", "state", "education", "regionCode",
        "languageCode", "cloudIdentityId", "primaryAdminEmail", "subscriptionStatus", "createTime", "updateTime",
    ]
    /// The fields a list may be ordered by.
    public static let orderFields: Set<String> = [
        "displayName", "organisationName", "primaryDomain", "createTime", "updateTime",
    ]

    /// The value of `field` of `customer` as filter text (`nil` when absent).
    public static func value(of field: String, in customer: Customer) -> String? {
        switch field {
        case "displayName": customer.displayName
        case "organisationName": customer.organisationName
        case "primaryDomain": customer.primaryDomain
        case "customerType": customer.customerType.rawValue
        case "state": customer.state.rawValue
        case "education": String(customer.isEducation)
        case "regionCode": customer.regionCode
        case "languageCode": customer.languageCode
        case "cloudIdentityId": customer.cloudIdentityId
        case "primaryAdminEmail": customer.primaryAdminEmail
        case "subscriptionStatus": customer.subscriptionStatus
        case "createTime": customer.createTime.rfc3339
        case "updateTime": customer.updateTime.rfc3339
        default: nil
        }
    }

    /// The parsed expression; `nil` when none is given.
    /// - Throws: INVALID_ARGUMENT field `filter` naming the position.
    public func parsedExpression() throws(DomainError) -> FilterExpression? {
        guard let expression, !expression.allSatisfy(\.isWhitespace) else { return nil }
        return try FilterExpression.parse(expression, fields: Self.expressionFields)
    }

    /// The order keys: (field, descending); empty for creation order.
    /// - Throws: INVALID_ARGUMENT field `orderBy` for an unknown field or direction.
    public func orderKeys() throws(DomainError) -> [(field: String, descending: Bool)] {
        guard let orderBy, !orderBy.allSatisfy(\.isWhitespace) else { return [] }
        var keys: [(String, Bool)] = []
        for part in orderBy.split(separator: ",") {
            let words = part.split(separator: " ").map(String.init)
            guard let field = words.first, Self.orderFields.contains(field), words.count <= 2 else {
                throw DomainError.invalid(
                    field: "orderBy",
                    reason:
                        "'\(words.joined(separator: " "))' is not 'field [asc|desc]' with a field among \(Self.orderFields.sorted().joined(separator: ", "))"
                )
            }
            let direction = words.count == 2 ? words[1].lowercased() : "asc"
            guard direction == "asc" || direction == "desc" else {
                throw DomainError.invalid(field: "orderBy", reason: "direction '\(words[1])' is not asc or desc")
            }
            keys.append((field, direction == "desc"))
        }
        return keys
    }

    /// Creates a filter.
    public init(
        text: String? = nil, customerType: CustomerType? = nil, state: CustomerState? = nil, education: Bool? = nil,
        expression: String? = nil, orderBy: String? = nil
    ) {
        self.expression = expression
        self.orderBy = orderBy
        self.text = text
        self.customerType = customerType
        self.state = state
        self.education = education
    }

    /// Whether `customer` passes.
    public func matches(_ customer: Customer) -> Bool {
        guard customer.state != .deleted else { return false }
        if let customerType, customer.customerType != customerType { return false }
        if let state, customer.state != state { return false }
        if let education, customer.isEducation != education { return false }
        if let text = text?.lowercased(), !text.isEmpty {
            let haystack = [
                customer.displayName, customer.organisationName, customer.primaryDomain,
                customer.cloudIdentityId, customer.primaryAdminEmail,
            ].map { $0.lowercased() }
            return haystack.contains { $0.contains(text) }
        }
        return true
    }
}

extension CustomerFilter: PageQuery {
    private static let reflectedTypeName = String(reflecting: CustomerFilter.self)

    /// The filter as `String(reflecting:)` writes it.
    public var pageBinding: String {
        PageQueryText(typeName: Self.reflectedTypeName).field("text", self.text).field("customerType", customerType)
            .field("state", state)
            .field("education", education).field("expression", expression).field("orderBy", orderBy).result()
    }
}

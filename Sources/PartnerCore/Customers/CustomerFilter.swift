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

    /// Creates a filter.
    public init(
        text: String? = nil, customerType: CustomerType? = nil, state: CustomerState? = nil, education: Bool? = nil
    ) {
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

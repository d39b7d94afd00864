/// The facts about a customer that decide which SKUs it may buy, taken from the customer
/// record so the catalogue rules stay pure.
public struct PurchaserProfile: Sendable, Hashable {
    /// A team (email-verified) customer rather than a domain customer.
    public var isTeamCustomer: Bool
    /// Flagged as an education institution.
    public var isEducation: Bool
    /// For team customers: whether the domain has been verified since. Domain customers are
    /// verified by definition.
    public var domainVerified: Bool

    /// Creates a profile.
    public init(isTeamCustomer: Bool, isEducation: Bool, domainVerified: Bool) {
        self.isTeamCustomer = isTeamCustomer
        self.isEducation = isEducation
        self.domainVerified = domainVerified
    }
}

/// Who may buy a SKU: by customer type and by the education flag.
public struct ProductEligibility: Sendable, Hashable, Codable {
    /// Domain customers (domain-verified Workspace / Cloud Identity tenants) may buy it.
    public var domainCustomers: Bool
    /// Team customers (email-verified) may buy it. Team customers whose domain is not yet
    /// verified are further limited to Essentials families (`ProductFamily.essentials`).
    public var teamCustomers: Bool
    /// Only customers flagged as education institutions may buy it.
    public var educationOnly: Bool

    /// Creates an eligibility.
    public init(domainCustomers: Bool, teamCustomers: Bool, educationOnly: Bool) {
        self.domainCustomers = domainCustomers
        self.teamCustomers = teamCustomers
        self.educationOnly = educationOnly
    }
}

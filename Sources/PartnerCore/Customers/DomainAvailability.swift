/// The answer of `Customers.CheckDomain`.
public struct DomainAvailability: Sendable, Hashable, Codable {
    /// Whether a customer (of any partner) already holds the domain.
    public var existing: Bool
    /// Whether that customer is the caller's.
    public var owned: Bool
    /// Whether an admin console account exists for the domain.
    public var upstreamAccount: Bool
    /// The customer's id, only when `owned`.
    public var customerId: String?

    /// Creates the answer.
    public init(existing: Bool, owned: Bool, upstreamAccount: Bool, customerId: String?) {
        self.existing = existing
        self.owned = owned
        self.upstreamAccount = upstreamAccount
        self.customerId = customerId
    }
}

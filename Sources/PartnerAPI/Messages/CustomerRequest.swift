public import FramedJSON

/// Params that name one customer and nothing else (`Customers.Get`, the per-customer reads,
/// `Invitations.Resend`/`Revoke`, the admin console simulator's per-customer actions).
public struct CustomerRequest: Codable, Sendable, Hashable, JSONCodable {
    /// The customer, "cus_...".
    public var customerId: String

    /// Creates the params.
    public init(customerId: String) {
        self.customerId = customerId
    }
}

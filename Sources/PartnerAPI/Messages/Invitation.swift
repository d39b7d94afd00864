public import FramedJSON

/// An invitation sent to a new customer; accepting it makes the customer ACTIVE.
public struct Invitation: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// The invited customer.
    public var customerId: String
    /// Where it was sent.
    public var email: String
    /// PENDING, ACCEPTED, REVOKED or EXPIRED.
    public var state: String
    /// RFC 3339.
    public var expireTime: String
    /// RFC 3339.
    public var createTime: String

    /// Creates the message.
    public init(id: String, customerId: String, email: String, state: String, expireTime: String, createTime: String) {
        self.id = id
        self.customerId = customerId
        self.email = email
        self.state = state
        self.expireTime = expireTime
        self.createTime = createTime
    }
}

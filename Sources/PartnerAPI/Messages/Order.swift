public import FramedJSON

/// A purchase that created a subscription.
public struct Order: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Customer.
    public var customerId: String
    /// SKU.
    public var sku: String
    /// Seats.
    public var seats: Int
    /// The subscription created.
    public var subscriptionId: String
    /// Who ordered.
    public var agentId: String?
    /// RFC 3339.
    public var createTime: String

    /// Creates the message.
    public init(
        id: String, customerId: String, sku: String, seats: Int, subscriptionId: String, agentId: String? = nil,
        createTime: String
    ) {
        self.id = id
        self.customerId = customerId
        self.sku = sku
        self.seats = seats
        self.subscriptionId = subscriptionId
        self.agentId = agentId
        self.createTime = createTime
    }
}

public import FramedJSON

/// A change event for integrations.
public struct Event: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Per-partner, increasing.
    public var sequence: Int64
    /// e.g. customer.created.
    public var type: String
    /// Resource.
    public var resourceId: String
    /// Customer, when any.
    public var customerId: String?
    /// RFC 3339.
    public var time: String

    /// Creates the message.
    public init(id: String, sequence: Int64, type: String, resourceId: String, customerId: String? = nil, time: String)
    {
        self.id = id
        self.sequence = sequence
        self.type = type
        self.resourceId = resourceId
        self.customerId = customerId
        self.time = time
    }
}

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
    public init(id: String, customerId: String, sku: String, seats: Int, subscriptionId: String, agentId: String? = nil, createTime: String) {
        self.id = id
        self.customerId = customerId
        self.sku = sku
        self.seats = seats
        self.subscriptionId = subscriptionId
        self.agentId = agentId
        self.createTime = createTime
    }
}

// MARK: JSON coding

extension Order {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("customerId")
        writer.string(customerId)
        writer.key("sku")
        writer.string(sku)
        writer.key("seats")
        writer.int(seats)
        writer.key("subscriptionId")
        writer.string(subscriptionId)
        if let agentId {
            writer.key("agentId")
            writer.string(agentId)
        }
        writer.key("createTime")
        writer.string(createTime)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.customerId = try fields.required("customerId")
        self.sku = try fields.required("sku")
        self.seats = try fields.required("seats")
        self.subscriptionId = try fields.required("subscriptionId")
        self.agentId = try fields.optional("agentId")
        self.createTime = try fields.required("createTime")
    }
}

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

// MARK: JSON coding

extension Order: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"id\":", into: &out)
        WireBytes.string(id, into: &out)
        WireBytes.literal(",\"customerId\":", into: &out)
        WireBytes.string(customerId, into: &out)
        WireBytes.literal(",\"sku\":", into: &out)
        WireBytes.string(sku, into: &out)
        WireBytes.literal(",\"seats\":", into: &out)
        WireBytes.int(seats, into: &out)
        WireBytes.literal(",\"subscriptionId\":", into: &out)
        WireBytes.string(subscriptionId, into: &out)
        if let agentId {
            WireBytes.literal(",\"agentId\":", into: &out)
            WireBytes.string(agentId, into: &out)
        }
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
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

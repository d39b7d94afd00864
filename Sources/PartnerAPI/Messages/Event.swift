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

// MARK: JSON coding

extension Event: WireMembers {
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
        WireBytes.literal(",\"sequence\":", into: &out)
        WireBytes.int(sequence, into: &out)
        WireBytes.literal(",\"type\":", into: &out)
        WireBytes.string(type, into: &out)
        WireBytes.literal(",\"resourceId\":", into: &out)
        WireBytes.string(resourceId, into: &out)
        if let customerId {
            WireBytes.literal(",\"customerId\":", into: &out)
            WireBytes.string(customerId, into: &out)
        }
        WireBytes.literal(",\"time\":", into: &out)
        WireBytes.string(time, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.sequence = try fields.required("sequence")
        self.type = try fields.required("type")
        self.resourceId = try fields.required("resourceId")
        self.customerId = try fields.optional("customerId")
        self.time = try fields.required("time")
    }
}

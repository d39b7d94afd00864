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

// MARK: JSON coding

extension Invitation: WireMembers {
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
        WireBytes.literal(",\"email\":", into: &out)
        WireBytes.string(email, into: &out)
        WireBytes.literal(",\"state\":", into: &out)
        WireBytes.string(state, into: &out)
        WireBytes.literal(",\"expireTime\":", into: &out)
        WireBytes.string(expireTime, into: &out)
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.customerId = try fields.required("customerId")
        self.email = try fields.required("email")
        self.state = try fields.required("state")
        self.expireTime = try fields.required("expireTime")
        self.createTime = try fields.required("createTime")
    }
}

public import FramedJSON

/// An agent's API token (the secret is shown only once, at creation).
public struct ApiToken: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Owner.
    public var agentId: String
    /// Label.
    public var label: String
    /// Revoked tokens fail on the next call.
    public var revoked: Bool
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339, when it expires.
    public var expireTime: String?
    /// RFC 3339.
    public var revokeTime: String?

    /// Creates the message.
    public init(
        id: String, agentId: String, label: String, revoked: Bool, createTime: String, expireTime: String? = nil,
        revokeTime: String? = nil
    ) {
        self.id = id
        self.agentId = agentId
        self.label = label
        self.revoked = revoked
        self.createTime = createTime
        self.expireTime = expireTime
        self.revokeTime = revokeTime
    }
}

// MARK: JSON coding

extension ApiToken: WireMembers {
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
        WireBytes.literal(",\"agentId\":", into: &out)
        WireBytes.string(agentId, into: &out)
        WireBytes.literal(",\"label\":", into: &out)
        WireBytes.string(label, into: &out)
        WireBytes.literal(",\"revoked\":", into: &out)
        WireBytes.bool(revoked, into: &out)
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
        if let expireTime {
            WireBytes.literal(",\"expireTime\":", into: &out)
            WireBytes.string(expireTime, into: &out)
        }
        if let revokeTime {
            WireBytes.literal(",\"revokeTime\":", into: &out)
            WireBytes.string(revokeTime, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.agentId = try fields.required("agentId")
        self.label = try fields.required("label")
        self.revoked = try fields.required("revoked")
        self.createTime = try fields.required("createTime")
        self.expireTime = try fields.optional("expireTime")
        self.revokeTime = try fields.optional("revokeTime")
    }
}

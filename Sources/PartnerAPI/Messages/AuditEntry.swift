public import FramedJSON

/// One audited change.
public struct AuditEntry: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Who.
    public var agentId: String
    /// With which roles.
    public var roles: [Role]
    /// Method.
    public var method: String
    /// Resource.
    public var target: String
    /// Summary before.
    public var before: String?
    /// Summary after.
    public var after: String?
    /// Request id.
    public var requestId: String?
    /// OK or the status name.
    public var outcome: String
    /// RFC 3339.
    public var time: String

    /// Creates the message.
    public init(
        id: String, agentId: String, roles: [Role], method: String, target: String, before: String? = nil,
        after: String? = nil, requestId: String? = nil, outcome: String, time: String
    ) {
        self.id = id
        self.agentId = agentId
        self.roles = roles
        self.method = method
        self.target = target
        self.before = before
        self.after = after
        self.requestId = requestId
        self.outcome = outcome
        self.time = time
    }
}

// MARK: JSON coding

extension AuditEntry: WireMembers {
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
        WireBytes.literal(",\"roles\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in roles.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element.rawValue, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        WireBytes.literal(",\"method\":", into: &out)
        WireBytes.string(method, into: &out)
        WireBytes.literal(",\"target\":", into: &out)
        WireBytes.string(target, into: &out)
        if let before {
            WireBytes.literal(",\"before\":", into: &out)
            WireBytes.string(before, into: &out)
        }
        if let after {
            WireBytes.literal(",\"after\":", into: &out)
            WireBytes.string(after, into: &out)
        }
        if let requestId {
            WireBytes.literal(",\"requestId\":", into: &out)
            WireBytes.string(requestId, into: &out)
        }
        WireBytes.literal(",\"outcome\":", into: &out)
        WireBytes.string(outcome, into: &out)
        WireBytes.literal(",\"time\":", into: &out)
        WireBytes.string(time, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.agentId = try fields.required("agentId")
        self.roles = try fields.required("roles")
        self.method = try fields.required("method")
        self.target = try fields.required("target")
        self.before = try fields.optional("before")
        self.after = try fields.optional("after")
        self.requestId = try fields.optional("requestId")
        self.outcome = try fields.required("outcome")
        self.time = try fields.required("time")
    }
}

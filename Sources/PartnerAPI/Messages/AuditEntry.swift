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
    public init(id: String, agentId: String, roles: [Role], method: String, target: String, before: String? = nil, after: String? = nil, requestId: String? = nil, outcome: String, time: String) {
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

extension AuditEntry {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("agentId")
        writer.string(agentId)
        writer.key("roles")
        writer.beginArray()
        for element in roles {
            writer.string(element.rawValue)
        }
        writer.endArray()
        writer.key("method")
        writer.string(method)
        writer.key("target")
        writer.string(target)
        if let before {
            writer.key("before")
            writer.string(before)
        }
        if let after {
            writer.key("after")
            writer.string(after)
        }
        if let requestId {
            writer.key("requestId")
            writer.string(requestId)
        }
        writer.key("outcome")
        writer.string(outcome)
        writer.key("time")
        writer.string(time)
        writer.endObject()
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

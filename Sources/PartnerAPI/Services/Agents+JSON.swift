public import FramedJSON

// The `Agents.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Agents.CreateRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("displayName")
        writer.string(displayName)
        writer.key("email")
        writer.string(email)
        writer.key("roles")
        writer.beginArray()
        for element in roles {
            writer.string(element.rawValue)
        }
        writer.endArray()
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.displayName = try fields.required("displayName")
        self.email = try fields.required("email")
        self.roles = try fields.required("roles")
    }
}

extension Agents.ListRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let pageSize {
            writer.key("pageSize")
            writer.int(pageSize)
        }
        if let pageToken {
            writer.key("pageToken")
            writer.string(pageToken)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.pageSize = try fields.optional("pageSize")
        self.pageToken = try fields.optional("pageToken")
    }
}

extension Agents.UpdateRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("agentId")
        writer.string(agentId)
        writer.key("etag")
        writer.string(etag)
        if let displayName {
            writer.key("displayName")
            writer.string(displayName)
        }
        if let roles {
            writer.key("roles")
            writer.beginArray()
            for element in roles {
                writer.string(element.rawValue)
            }
            writer.endArray()
        }
        if let disabled {
            writer.key("disabled")
            writer.bool(disabled)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.agentId = try fields.required("agentId")
        self.etag = try fields.required("etag")
        self.displayName = try fields.optional("displayName")
        self.roles = try fields.optional("roles")
        self.disabled = try fields.optional("disabled")
    }
}

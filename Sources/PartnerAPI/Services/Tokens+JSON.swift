public import FramedJSON

// The `Tokens.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Tokens.CreateRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("agentId")
        writer.string(agentId)
        if let label {
            writer.key("label")
            writer.string(label)
        }
        if let ttlSeconds {
            writer.key("ttlSeconds")
            writer.int(ttlSeconds)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.agentId = try fields.required("agentId")
        self.label = try fields.optional("label")
        self.ttlSeconds = try fields.optional("ttlSeconds")
    }
}

extension Tokens.CreateResponse {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("token")
        token.encode(to: &writer)
        writer.key("secret")
        writer.string(secret)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.token = try fields.required("token")
        self.secret = try fields.required("secret")
    }
}

extension Tokens.ListRequest {
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
        if let agentId {
            writer.key("agentId")
            writer.string(agentId)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.pageSize = try fields.optional("pageSize")
        self.pageToken = try fields.optional("pageToken")
        self.agentId = try fields.optional("agentId")
    }
}

extension Tokens.RevokeRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("tokenId")
        writer.string(tokenId)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.tokenId = try fields.required("tokenId")
    }
}

public import FramedJSON

// The `Agents.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Agents.CreateRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"displayName\":", into: &out)
        WireBytes.string(displayName, into: &out)
        WireBytes.literal(",\"email\":", into: &out)
        WireBytes.string(email, into: &out)
        WireBytes.literal(",\"roles\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in roles.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element.rawValue, into: &out)
        }
        out.append(UInt8(ascii: "]"))
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

extension Agents.ListRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        var first = true
        if let pageSize {
            WireBytes.key("\"pageSize\":", first: &first, into: &out)
            WireBytes.int(pageSize, into: &out)
        }
        if let pageToken {
            WireBytes.key("\"pageToken\":", first: &first, into: &out)
            WireBytes.string(pageToken, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.pageSize = try fields.optional("pageSize")
        self.pageToken = try fields.optional("pageToken")
    }
}

extension Agents.UpdateRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"agentId\":", into: &out)
        WireBytes.string(agentId, into: &out)
        WireBytes.literal(",\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        if let displayName {
            WireBytes.literal(",\"displayName\":", into: &out)
            WireBytes.string(displayName, into: &out)
        }
        if let roles {
            WireBytes.literal(",\"roles\":", into: &out)
            out.append(UInt8(ascii: "["))
            for (index, element) in roles.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireBytes.string(element.rawValue, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let disabled {
            WireBytes.literal(",\"disabled\":", into: &out)
            WireBytes.bool(disabled, into: &out)
        }
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

public import FramedJSON

// The `Audit.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Audit.ListRequest: WireMembers {
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
        for (key, value) in [
            ("startTime", startTime), ("endTime", endTime), ("customerId", customerId), ("agentId", agentId),
            ("operation", operation),
        ] {
            guard let value else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            WireBytes.string(key, into: &out)
            out.append(UInt8(ascii: ":"))
            WireBytes.string(value, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.pageSize = try fields.optional("pageSize")
        self.pageToken = try fields.optional("pageToken")
        self.startTime = try fields.optional("startTime")
        self.endTime = try fields.optional("endTime")
        self.customerId = try fields.optional("customerId")
        self.agentId = try fields.optional("agentId")
        self.operation = try fields.optional("operation")
    }
}

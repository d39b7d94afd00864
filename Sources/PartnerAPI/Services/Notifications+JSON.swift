public import FramedJSON

// The `Notifications.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Notifications.ListRequest {
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

public import FramedJSON

// The `Subscriptions.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Subscriptions.GetRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("subscriptionId")
        writer.string(subscriptionId)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.subscriptionId = try fields.required("subscriptionId")
    }
}

extension Subscriptions.ListRequest {
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
        if let customerId {
            writer.key("customerId")
            writer.string(customerId)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.pageSize = try fields.optional("pageSize")
        self.pageToken = try fields.optional("pageToken")
        self.customerId = try fields.optional("customerId")
    }
}

extension Subscriptions.ChangeSeatsRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("subscriptionId")
        writer.string(subscriptionId)
        if let etag {
            writer.key("etag")
            writer.string(etag)
        }
        if let seats {
            writer.key("seats")
            writer.int(seats)
        }
        if let delta {
            writer.key("delta")
            writer.int(delta)
        }
        if let reason {
            writer.key("reason")
            writer.string(reason)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.subscriptionId = try fields.required("subscriptionId")
        self.etag = try fields.optional("etag")
        self.seats = try fields.optional("seats")
        self.delta = try fields.optional("delta")
        self.reason = try fields.optional("reason")
    }
}

extension Subscriptions.StateChangeRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("subscriptionId")
        writer.string(subscriptionId)
        if let etag {
            writer.key("etag")
            writer.string(etag)
        }
        if let reason {
            writer.key("reason")
            writer.string(reason)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.subscriptionId = try fields.required("subscriptionId")
        self.etag = try fields.optional("etag")
        self.reason = try fields.optional("reason")
    }
}

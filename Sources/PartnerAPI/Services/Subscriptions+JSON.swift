public import FramedJSON

// The `Subscriptions.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Subscriptions.GetRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"subscriptionId\":", into: &out)
        WireBytes.string(subscriptionId, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.subscriptionId = try fields.required("subscriptionId")
    }
}

extension Subscriptions.ListRequest: WireMembers {
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
        if let customerId {
            WireBytes.key("\"customerId\":", first: &first, into: &out)
            WireBytes.string(customerId, into: &out)
        }
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

extension Subscriptions.ChangeSeatsRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"subscriptionId\":", into: &out)
        WireBytes.string(subscriptionId, into: &out)
        if let etag {
            WireBytes.literal(",\"etag\":", into: &out)
            WireBytes.string(etag, into: &out)
        }
        if let seats {
            WireBytes.literal(",\"seats\":", into: &out)
            WireBytes.int(seats, into: &out)
        }
        if let delta {
            WireBytes.literal(",\"delta\":", into: &out)
            WireBytes.int(delta, into: &out)
        }
        if let reason {
            WireBytes.literal(",\"reason\":", into: &out)
            WireBytes.string(reason, into: &out)
        }
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

extension Subscriptions.StateChangeRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"subscriptionId\":", into: &out)
        WireBytes.string(subscriptionId, into: &out)
        if let etag {
            WireBytes.literal(",\"etag\":", into: &out)
            WireBytes.string(etag, into: &out)
        }
        if let reason {
            WireBytes.literal(",\"reason\":", into: &out)
            WireBytes.string(reason, into: &out)
        }
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

extension Subscriptions.UpdateRenewalSettingsRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"subscriptionId\":", into: &out)
        WireBytes.string(subscriptionId, into: &out)
        if let etag {
            WireBytes.literal(",\"etag\":", into: &out)
            WireBytes.string(etag, into: &out)
        }
        WireBytes.literal(",\"autoRenew\":", into: &out)
        WireBytes.bool(autoRenew, into: &out)
        if let renewalSku {
            WireBytes.literal(",\"renewalSku\":", into: &out)
            WireBytes.string(renewalSku, into: &out)
        }
        if let reason {
            WireBytes.literal(",\"reason\":", into: &out)
            WireBytes.string(reason, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.subscriptionId = try fields.required("subscriptionId")
        self.etag = try fields.optional("etag")
        self.autoRenew = try fields.required("autoRenew")
        self.renewalSku = try fields.optional("renewalSku")
        self.reason = try fields.optional("reason")
    }
}

extension Subscriptions.ListHistoryRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        if let pageSize {
            WireBytes.literal("\"pageSize\":", into: &out)
            WireBytes.int(pageSize, into: &out)
            out.append(UInt8(ascii: ","))
        }
        if let pageToken {
            WireBytes.literal("\"pageToken\":", into: &out)
            WireBytes.string(pageToken, into: &out)
            out.append(UInt8(ascii: ","))
        }
        WireBytes.literal("\"subscriptionId\":", into: &out)
        WireBytes.string(subscriptionId, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.pageSize = try fields.optional("pageSize")
        self.pageToken = try fields.optional("pageToken")
        self.subscriptionId = try fields.required("subscriptionId")
    }
}

public import FramedJSON

// The `Invoices.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Invoices.ListRequest: WireMembers {
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

extension Invoices.GetRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"invoiceId\":", into: &out)
        WireBytes.string(invoiceId, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.invoiceId = try fields.required("invoiceId")
    }
}

extension Invoices.DownloadRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"invoiceId\":", into: &out)
        WireBytes.string(invoiceId, into: &out)
        WireBytes.literal(",\"format\":", into: &out)
        WireBytes.string(format, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.invoiceId = try fields.required("invoiceId")
        self.format = try fields.required("format")
    }
}

extension Invoices.DownloadResponse: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"invoiceId\":", into: &out)
        WireBytes.string(invoiceId, into: &out)
        WireBytes.literal(",\"format\":", into: &out)
        WireBytes.string(format, into: &out)
        WireBytes.literal(",\"contentType\":", into: &out)
        WireBytes.string(contentType, into: &out)
        WireBytes.literal(",\"data\":", into: &out)
        WireBytes.string(data, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.invoiceId = try fields.required("invoiceId")
        self.format = try fields.required("format")
        self.contentType = try fields.required("contentType")
        self.data = try fields.required("data")
    }
}

extension Invoices.CloseBillingPeriodRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"billingMonth\":", into: &out)
        WireBytes.string(billingMonth, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.billingMonth = try fields.required("billingMonth")
    }
}

extension Invoices.CloseBillingPeriodResponse: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"billingMonth\":", into: &out)
        WireBytes.string(billingMonth, into: &out)
        WireBytes.literal(",\"invoices\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in invoices.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            element.write(into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.billingMonth = try fields.required("billingMonth")
        self.invoices = try fields.required("invoices")
    }
}

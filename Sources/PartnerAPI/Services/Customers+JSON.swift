public import FramedJSON

// The `Customers.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Customers.CheckDomainRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"domain\":", into: &out)
        WireBytes.string(domain, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.domain = try fields.required("domain")
    }
}

extension Customers.CheckDomainResponse: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"existing\":", into: &out)
        WireBytes.bool(existing, into: &out)
        WireBytes.literal(",\"owned\":", into: &out)
        WireBytes.bool(owned, into: &out)
        if let upstreamAccount {
            WireBytes.literal(",\"upstreamAccount\":", into: &out)
            WireBytes.bool(upstreamAccount, into: &out)
        }
        if let customerId {
            WireBytes.literal(",\"customerId\":", into: &out)
            WireBytes.string(customerId, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.existing = try fields.required("existing")
        self.owned = try fields.required("owned")
        self.upstreamAccount = try fields.optional("upstreamAccount")
        self.customerId = try fields.optional("customerId")
    }
}

extension Customers.CreateRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"organisationName\":", into: &out)
        WireBytes.string(organisationName, into: &out)
        if let displayName {
            WireBytes.literal(",\"displayName\":", into: &out)
            WireBytes.string(displayName, into: &out)
        }
        WireBytes.literal(",\"primaryDomain\":", into: &out)
        WireBytes.string(primaryDomain, into: &out)
        WireBytes.literal(",\"customerType\":", into: &out)
        WireBytes.string(customerType.rawValue, into: &out)
        if let education {
            WireBytes.literal(",\"education\":", into: &out)
            education.write(into: &out)
        }
        WireBytes.literal(",\"postalAddress\":", into: &out)
        postalAddress.write(into: &out)
        WireBytes.literal(",\"primaryAdminEmail\":", into: &out)
        WireBytes.string(primaryAdminEmail, into: &out)
        if let alternateEmail {
            WireBytes.literal(",\"alternateEmail\":", into: &out)
            WireBytes.string(alternateEmail, into: &out)
        }
        if let phoneNumber {
            WireBytes.literal(",\"phoneNumber\":", into: &out)
            WireBytes.string(phoneNumber, into: &out)
        }
        WireBytes.literal(",\"languageCode\":", into: &out)
        WireBytes.string(languageCode, into: &out)
        if let regionCode {
            WireBytes.literal(",\"regionCode\":", into: &out)
            WireBytes.string(regionCode, into: &out)
        }
        WireBytes.literal(",\"timeZone\":", into: &out)
        WireBytes.string(timeZone, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.organisationName = try fields.required("organisationName")
        self.displayName = try fields.optional("displayName")
        self.primaryDomain = try fields.required("primaryDomain")
        self.customerType = try fields.required("customerType")
        self.education = try fields.optional("education")
        self.postalAddress = try fields.required("postalAddress")
        self.primaryAdminEmail = try fields.required("primaryAdminEmail")
        self.alternateEmail = try fields.optional("alternateEmail")
        self.phoneNumber = try fields.optional("phoneNumber")
        self.languageCode = try fields.required("languageCode")
        self.regionCode = try fields.optional("regionCode")
        self.timeZone = try fields.required("timeZone")
    }
}

extension Customers.GetRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"customerId\":", into: &out)
        WireBytes.string(customerId, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.required("customerId")
    }
}

extension Customers.ListRequest: WireMembers {
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
        if let text {
            WireBytes.key("\"text\":", first: &first, into: &out)
            WireBytes.string(text, into: &out)
        }
        if let customerType {
            WireBytes.key("\"customerType\":", first: &first, into: &out)
            WireBytes.string(customerType.rawValue, into: &out)
        }
        if let state {
            WireBytes.key("\"state\":", first: &first, into: &out)
            WireBytes.string(state.rawValue, into: &out)
        }
        if let education {
            WireBytes.key("\"education\":", first: &first, into: &out)
            WireBytes.bool(education, into: &out)
        }
        if let filter {
            WireBytes.key("\"filter\":", first: &first, into: &out)
            WireBytes.string(filter, into: &out)
        }
        if let orderBy {
            WireBytes.key("\"orderBy\":", first: &first, into: &out)
            WireBytes.string(orderBy, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.pageSize = try fields.optional("pageSize")
        self.pageToken = try fields.optional("pageToken")
        self.text = try fields.optional("text")
        self.customerType = try fields.optional("customerType")
        self.state = try fields.optional("state")
        self.education = try fields.optional("education")
        self.filter = try fields.optional("filter")
        self.orderBy = try fields.optional("orderBy")
    }
}

extension Customers.UpdateRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"customerId\":", into: &out)
        WireBytes.string(customerId, into: &out)
        WireBytes.literal(",\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        WireBytes.literal(",\"updateMask\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in updateMask.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let displayName {
            WireBytes.literal(",\"displayName\":", into: &out)
            WireBytes.string(displayName, into: &out)
        }
        if let postalAddress {
            WireBytes.literal(",\"postalAddress\":", into: &out)
            postalAddress.write(into: &out)
        }
        if let primaryAdminEmail {
            WireBytes.literal(",\"primaryAdminEmail\":", into: &out)
            WireBytes.string(primaryAdminEmail, into: &out)
        }
        if let alternateEmail {
            WireBytes.literal(",\"alternateEmail\":", into: &out)
            WireBytes.string(alternateEmail, into: &out)
        }
        if let phoneNumber {
            WireBytes.literal(",\"phoneNumber\":", into: &out)
            WireBytes.string(phoneNumber, into: &out)
        }
        if let languageCode {
            WireBytes.literal(",\"languageCode\":", into: &out)
            WireBytes.string(languageCode, into: &out)
        }
        if let regionCode {
            WireBytes.literal(",\"regionCode\":", into: &out)
            WireBytes.string(regionCode, into: &out)
        }
        if let timeZone {
            WireBytes.literal(",\"timeZone\":", into: &out)
            WireBytes.string(timeZone, into: &out)
        }
        if let education {
            WireBytes.literal(",\"education\":", into: &out)
            education.write(into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.required("customerId")
        self.etag = try fields.required("etag")
        self.updateMask = try fields.required("updateMask")
        self.displayName = try fields.optional("displayName")
        self.postalAddress = try fields.optional("postalAddress")
        self.primaryAdminEmail = try fields.optional("primaryAdminEmail")
        self.alternateEmail = try fields.optional("alternateEmail")
        self.phoneNumber = try fields.optional("phoneNumber")
        self.languageCode = try fields.optional("languageCode")
        self.regionCode = try fields.optional("regionCode")
        self.timeZone = try fields.optional("timeZone")
        self.education = try fields.optional("education")
    }
}

extension Customers.SyncRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"customerId\":", into: &out)
        WireBytes.string(customerId, into: &out)
        if let etag {
            WireBytes.literal(",\"etag\":", into: &out)
            WireBytes.string(etag, into: &out)
        }
        if let fields {
            WireBytes.literal(",\"fields\":", into: &out)
            out.append(UInt8(ascii: "["))
            for (index, element) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireBytes.string(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.required("customerId")
        self.etag = try fields.optional("etag")
        self.fields = try fields.optional("fields")
    }
}

extension Customers.DeleteRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"customerId\":", into: &out)
        WireBytes.string(customerId, into: &out)
        if let etag {
            WireBytes.literal(",\"etag\":", into: &out)
            WireBytes.string(etag, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.required("customerId")
        self.etag = try fields.optional("etag")
    }
}

extension Customers.StateChangeRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"customerId\":", into: &out)
        WireBytes.string(customerId, into: &out)
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
        self.customerId = try fields.required("customerId")
        self.etag = try fields.optional("etag")
        self.reason = try fields.optional("reason")
    }
}

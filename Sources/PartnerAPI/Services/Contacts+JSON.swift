public import FramedJSON

// The `Contacts.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Contacts.CreateRequest: WireMembers {
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
        if let customerId {
            WireBytes.key("\"customerId\":", first: &first, into: &out)
            WireBytes.string(customerId, into: &out)
        }
        if let userId {
            WireBytes.key("\"userId\":", first: &first, into: &out)
            WireBytes.string(userId, into: &out)
        }
        if let firstName {
            WireBytes.key("\"firstName\":", first: &first, into: &out)
            WireBytes.string(firstName, into: &out)
        }
        if let lastName {
            WireBytes.key("\"lastName\":", first: &first, into: &out)
            WireBytes.string(lastName, into: &out)
        }
        if let businessEmail {
            WireBytes.key("\"businessEmail\":", first: &first, into: &out)
            WireBytes.string(businessEmail, into: &out)
        }
        if let businessPhone {
            WireBytes.key("\"businessPhone\":", first: &first, into: &out)
            WireBytes.string(businessPhone, into: &out)
        }
        if let jobTitle {
            WireBytes.key("\"jobTitle\":", first: &first, into: &out)
            WireBytes.string(jobTitle, into: &out)
        }
        WireBytes.key("\"types\":", first: &first, into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in types.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element.rawValue, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.optional("customerId")
        self.userId = try fields.optional("userId")
        self.firstName = try fields.optional("firstName")
        self.lastName = try fields.optional("lastName")
        self.businessEmail = try fields.optional("businessEmail")
        self.businessPhone = try fields.optional("businessPhone")
        self.jobTitle = try fields.optional("jobTitle")
        self.types = try fields.required("types")
    }
}

extension Contacts.ListRequest: WireMembers {
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

extension Contacts.UpdateRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"contactId\":", into: &out)
        WireBytes.string(contactId, into: &out)
        WireBytes.literal(",\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        if let firstName {
            WireBytes.literal(",\"firstName\":", into: &out)
            WireBytes.string(firstName, into: &out)
        }
        if let lastName {
            WireBytes.literal(",\"lastName\":", into: &out)
            WireBytes.string(lastName, into: &out)
        }
        if let businessEmail {
            WireBytes.literal(",\"businessEmail\":", into: &out)
            WireBytes.string(businessEmail, into: &out)
        }
        if let businessPhone {
            WireBytes.literal(",\"businessPhone\":", into: &out)
            WireBytes.string(businessPhone, into: &out)
        }
        if let jobTitle {
            WireBytes.literal(",\"jobTitle\":", into: &out)
            WireBytes.string(jobTitle, into: &out)
        }
        if let types {
            WireBytes.literal(",\"types\":", into: &out)
            out.append(UInt8(ascii: "["))
            for (index, element) in types.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireBytes.string(element.rawValue, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.contactId = try fields.required("contactId")
        self.etag = try fields.required("etag")
        self.firstName = try fields.optional("firstName")
        self.lastName = try fields.optional("lastName")
        self.businessEmail = try fields.optional("businessEmail")
        self.businessPhone = try fields.optional("businessPhone")
        self.jobTitle = try fields.optional("jobTitle")
        self.types = try fields.optional("types")
    }
}

extension Contacts.ContactRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"contactId\":", into: &out)
        WireBytes.string(contactId, into: &out)
        if let successorContactId {
            WireBytes.literal(",\"successorContactId\":", into: &out)
            WireBytes.string(successorContactId, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.contactId = try fields.required("contactId")
        self.successorContactId = try fields.optional("successorContactId")
    }
}

extension Contacts.SetPrimaryRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"contactId\":", into: &out)
        WireBytes.string(contactId, into: &out)
        WireBytes.literal(",\"type\":", into: &out)
        WireBytes.string(type.rawValue, into: &out)
        if let etag {
            WireBytes.literal(",\"etag\":", into: &out)
            WireBytes.string(etag, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.contactId = try fields.required("contactId")
        self.type = try fields.required("type")
        self.etag = try fields.optional("etag")
    }
}

extension Contacts.ConfirmEmailRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"token\":", into: &out)
        WireBytes.string(token, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.token = try fields.required("token")
    }
}

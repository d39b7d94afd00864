public import FramedJSON

// The `Contacts.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Contacts.CreateRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        if let customerId {
            writer.key("customerId")
            writer.string(customerId)
        }
        if let userId {
            writer.key("userId")
            writer.string(userId)
        }
        if let firstName {
            writer.key("firstName")
            writer.string(firstName)
        }
        if let lastName {
            writer.key("lastName")
            writer.string(lastName)
        }
        if let businessEmail {
            writer.key("businessEmail")
            writer.string(businessEmail)
        }
        if let businessPhone {
            writer.key("businessPhone")
            writer.string(businessPhone)
        }
        if let jobTitle {
            writer.key("jobTitle")
            writer.string(jobTitle)
        }
        writer.key("types")
        writer.beginArray()
        for element in types {
            writer.string(element.rawValue)
        }
        writer.endArray()
        writer.endObject()
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

extension Contacts.ListRequest {
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

extension Contacts.UpdateRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("contactId")
        writer.string(contactId)
        writer.key("etag")
        writer.string(etag)
        if let firstName {
            writer.key("firstName")
            writer.string(firstName)
        }
        if let lastName {
            writer.key("lastName")
            writer.string(lastName)
        }
        if let businessEmail {
            writer.key("businessEmail")
            writer.string(businessEmail)
        }
        if let businessPhone {
            writer.key("businessPhone")
            writer.string(businessPhone)
        }
        if let jobTitle {
            writer.key("jobTitle")
            writer.string(jobTitle)
        }
        if let types {
            writer.key("types")
            writer.beginArray()
            for element in types {
                writer.string(element.rawValue)
            }
            writer.endArray()
        }
        writer.endObject()
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

extension Contacts.ContactRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("contactId")
        writer.string(contactId)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.contactId = try fields.required("contactId")
    }
}

extension Contacts.ConfirmEmailRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("token")
        writer.string(token)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.token = try fields.required("token")
    }
}

public import FramedJSON

// The `Customers.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Customers.CheckDomainRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("domain")
        writer.string(domain)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.domain = try fields.required("domain")
    }
}

extension Customers.CheckDomainResponse {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("existing")
        writer.bool(existing)
        writer.key("owned")
        writer.bool(owned)
        if let upstreamAccount {
            writer.key("upstreamAccount")
            writer.bool(upstreamAccount)
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
        self.existing = try fields.required("existing")
        self.owned = try fields.required("owned")
        self.upstreamAccount = try fields.optional("upstreamAccount")
        self.customerId = try fields.optional("customerId")
    }
}

extension Customers.CreateRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("organisationName")
        writer.string(organisationName)
        if let displayName {
            writer.key("displayName")
            writer.string(displayName)
        }
        writer.key("primaryDomain")
        writer.string(primaryDomain)
        writer.key("customerType")
        writer.string(customerType.rawValue)
        if let education {
            writer.key("education")
            education.encode(to: &writer)
        }
        writer.key("postalAddress")
        postalAddress.encode(to: &writer)
        writer.key("primaryAdminEmail")
        writer.string(primaryAdminEmail)
        if let alternateEmail {
            writer.key("alternateEmail")
            writer.string(alternateEmail)
        }
        if let phoneNumber {
            writer.key("phoneNumber")
            writer.string(phoneNumber)
        }
        writer.key("languageCode")
        writer.string(languageCode)
        if let regionCode {
            writer.key("regionCode")
            writer.string(regionCode)
        }
        writer.key("timeZone")
        writer.string(timeZone)
        writer.endObject()
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

extension Customers.GetRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("customerId")
        writer.string(customerId)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.required("customerId")
    }
}

extension Customers.ListRequest {
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
        if let text {
            writer.key("text")
            writer.string(text)
        }
        if let customerType {
            writer.key("customerType")
            writer.string(customerType.rawValue)
        }
        if let state {
            writer.key("state")
            writer.string(state.rawValue)
        }
        if let education {
            writer.key("education")
            writer.bool(education)
        }
        writer.endObject()
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
    }
}

extension Customers.UpdateRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("customerId")
        writer.string(customerId)
        writer.key("etag")
        writer.string(etag)
        writer.key("updateMask")
        writer.beginArray()
        for element in updateMask {
            writer.string(element)
        }
        writer.endArray()
        if let displayName {
            writer.key("displayName")
            writer.string(displayName)
        }
        if let postalAddress {
            writer.key("postalAddress")
            postalAddress.encode(to: &writer)
        }
        if let primaryAdminEmail {
            writer.key("primaryAdminEmail")
            writer.string(primaryAdminEmail)
        }
        if let alternateEmail {
            writer.key("alternateEmail")
            writer.string(alternateEmail)
        }
        if let phoneNumber {
            writer.key("phoneNumber")
            writer.string(phoneNumber)
        }
        if let languageCode {
            writer.key("languageCode")
            writer.string(languageCode)
        }
        if let regionCode {
            writer.key("regionCode")
            writer.string(regionCode)
        }
        if let timeZone {
            writer.key("timeZone")
            writer.string(timeZone)
        }
        if let education {
            writer.key("education")
            education.encode(to: &writer)
        }
        writer.endObject()
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

extension Customers.SyncRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("customerId")
        writer.string(customerId)
        if let etag {
            writer.key("etag")
            writer.string(etag)
        }
        if let fields {
            writer.key("fields")
            writer.beginArray()
            for element in fields {
                writer.string(element)
            }
            writer.endArray()
        }
        writer.endObject()
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

extension Customers.DeleteRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("customerId")
        writer.string(customerId)
        if let etag {
            writer.key("etag")
            writer.string(etag)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.required("customerId")
        self.etag = try fields.optional("etag")
    }
}

public import FramedJSON

// The `Invitations.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Invitations.SendRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("name")
        writer.string(name)
        writer.key("email")
        writer.string(email)
        writer.key("domain")
        writer.string(domain)
        writer.key("organisationName")
        writer.string(organisationName)
        if let regionCode {
            writer.key("regionCode")
            writer.string(regionCode)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.name = try fields.required("name")
        self.email = try fields.required("email")
        self.domain = try fields.required("domain")
        self.organisationName = try fields.required("organisationName")
        self.regionCode = try fields.optional("regionCode")
    }
}

extension Invitations.SendResponse {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("customer")
        customer.encode(to: &writer)
        writer.key("invitation")
        invitation.encode(to: &writer)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customer = try fields.required("customer")
        self.invitation = try fields.required("invitation")
    }
}

extension Invitations.CustomerRequest {
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

extension Invitations.AcceptRequest {
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

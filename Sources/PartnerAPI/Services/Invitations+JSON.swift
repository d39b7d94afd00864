public import FramedJSON

// The `Invitations.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension Invitations.SendRequest: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"name\":", into: &out)
        WireBytes.string(name, into: &out)
        WireBytes.literal(",\"email\":", into: &out)
        WireBytes.string(email, into: &out)
        WireBytes.literal(",\"domain\":", into: &out)
        WireBytes.string(domain, into: &out)
        WireBytes.literal(",\"organisationName\":", into: &out)
        WireBytes.string(organisationName, into: &out)
        if let regionCode {
            WireBytes.literal(",\"regionCode\":", into: &out)
            WireBytes.string(regionCode, into: &out)
        }
        if let languageCode {
            WireBytes.literal(",\"languageCode\":", into: &out)
            WireBytes.string(languageCode, into: &out)
        }
        if let timeZone {
            WireBytes.literal(",\"timeZone\":", into: &out)
            WireBytes.string(timeZone, into: &out)
        }
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
        self.languageCode = try fields.optional("languageCode")
        self.timeZone = try fields.optional("timeZone")
    }
}

extension Invitations.SendResponse: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"customer\":", into: &out)
        customer.write(into: &out)
        WireBytes.literal(",\"invitation\":", into: &out)
        invitation.write(into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customer = try fields.required("customer")
        self.invitation = try fields.required("invitation")
    }
}

extension Invitations.CustomerRequest: WireMembers {
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

extension Invitations.AcceptRequest: WireMembers {
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

public import FramedJSON

/// Where the customer's own admin console differs from what the partner console holds.
public struct AdminConsoleMismatch: Codable, Sendable, Hashable, JSONCodable {
    /// Differing fields: "primaryDomain", "alternateEmail", "organisationName".
    public var fields: [String]
    /// The domain in the admin console.
    public var upstreamPrimaryDomain: String?
    /// The alternate email in the admin console.
    public var upstreamAlternateEmail: String?
    /// The organisation name in the admin console, when it differs from the legal name.
    public var upstreamOrganisationName: String?
    /// The warning to show.
    public var warning: String

    /// Creates the message.
    public init(
        fields: [String], upstreamPrimaryDomain: String? = nil, upstreamAlternateEmail: String? = nil,
        upstreamOrganisationName: String? = nil, warning: String
    ) {
        self.fields = fields
        self.upstreamPrimaryDomain = upstreamPrimaryDomain
        self.upstreamAlternateEmail = upstreamAlternateEmail
        self.upstreamOrganisationName = upstreamOrganisationName
        self.warning = warning
    }
}

// MARK: JSON coding

extension AdminConsoleMismatch: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"fields\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let upstreamPrimaryDomain {
            WireBytes.literal(",\"upstreamPrimaryDomain\":", into: &out)
            WireBytes.string(upstreamPrimaryDomain, into: &out)
        }
        if let upstreamAlternateEmail {
            WireBytes.literal(",\"upstreamAlternateEmail\":", into: &out)
            WireBytes.string(upstreamAlternateEmail, into: &out)
        }
        if let upstreamOrganisationName {
            WireBytes.literal(",\"upstreamOrganisationName\":", into: &out)
            WireBytes.string(upstreamOrganisationName, into: &out)
        }
        WireBytes.literal(",\"warning\":", into: &out)
        WireBytes.string(warning, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.fields = try fields.required("fields")
        self.upstreamPrimaryDomain = try fields.optional("upstreamPrimaryDomain")
        self.upstreamAlternateEmail = try fields.optional("upstreamAlternateEmail")
        self.upstreamOrganisationName = try fields.optional("upstreamOrganisationName")
        self.warning = try fields.required("warning")
    }
}

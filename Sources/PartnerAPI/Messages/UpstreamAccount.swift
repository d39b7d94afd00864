public import FramedJSON

/// A customer's account in the (simulated) admin console.
public struct UpstreamAccount: Codable, Sendable, Hashable, JSONCodable {
    /// Domain upstream.
    public var domain: String
    /// BUSINESS, ENTERPRISE, ESSENTIALS, EDUCATION, NONPROFITS or LEGACY_FREE.
    public var edition: String
    /// Linked customer.
    public var customerId: String?
    /// Organisation (legal) name upstream.
    public var organisationName: String?
    /// Alternate email upstream.
    public var alternateEmail: String?
    /// Granted by the customer.
    public var resellerAccess: Bool
    /// Domain verified upstream.
    public var domainVerified: Bool

    /// Creates the message.
    public init(
        domain: String, edition: String, customerId: String? = nil, organisationName: String? = nil,
        alternateEmail: String? = nil, resellerAccess: Bool, domainVerified: Bool
    ) {
        self.domain = domain
        self.edition = edition
        self.customerId = customerId
        self.organisationName = organisationName
        self.alternateEmail = alternateEmail
        self.resellerAccess = resellerAccess
        self.domainVerified = domainVerified
    }
}

// MARK: JSON coding

extension UpstreamAccount: WireMembers {
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
        WireBytes.literal(",\"edition\":", into: &out)
        WireBytes.string(edition, into: &out)
        if let customerId {
            WireBytes.literal(",\"customerId\":", into: &out)
            WireBytes.string(customerId, into: &out)
        }
        if let organisationName {
            WireBytes.literal(",\"organisationName\":", into: &out)
            WireBytes.string(organisationName, into: &out)
        }
        if let alternateEmail {
            WireBytes.literal(",\"alternateEmail\":", into: &out)
            WireBytes.string(alternateEmail, into: &out)
        }
        WireBytes.literal(",\"resellerAccess\":", into: &out)
        WireBytes.bool(resellerAccess, into: &out)
        WireBytes.literal(",\"domainVerified\":", into: &out)
        WireBytes.bool(domainVerified, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.domain = try fields.required("domain")
        self.edition = try fields.required("edition")
        self.customerId = try fields.optional("customerId")
        self.organisationName = try fields.optional("organisationName")
        self.alternateEmail = try fields.optional("alternateEmail")
        self.resellerAccess = try fields.required("resellerAccess")
        self.domainVerified = try fields.required("domainVerified")
    }
}

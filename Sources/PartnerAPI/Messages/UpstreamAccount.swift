public import FramedJSON

/// A customer's account in the (simulated) admin console.
public struct UpstreamAccount: Codable, Sendable, Hashable, JSONCodable {
    /// Domain upstream.
    public var domain: String
    /// BUSINESS, ENTERPRISE, ESSENTIALS, EDUCATION, NONPROFITS or LEGACY_FREE.
    public var edition: String
    /// Linked customer.
    public var customerId: String?
    /// Alternate email upstream.
    public var alternateEmail: String?
    /// Granted by the customer.
    public var resellerAccess: Bool
    /// Domain verified upstream.
    public var domainVerified: Bool

    /// Creates the message.
    public init(domain: String, edition: String, customerId: String? = nil, alternateEmail: String? = nil, resellerAccess: Bool, domainVerified: Bool) {
        self.domain = domain
        self.edition = edition
        self.customerId = customerId
        self.alternateEmail = alternateEmail
        self.resellerAccess = resellerAccess
        self.domainVerified = domainVerified
    }
}

// MARK: JSON coding

extension UpstreamAccount {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("domain")
        writer.string(domain)
        writer.key("edition")
        writer.string(edition)
        if let customerId {
            writer.key("customerId")
            writer.string(customerId)
        }
        if let alternateEmail {
            writer.key("alternateEmail")
            writer.string(alternateEmail)
        }
        writer.key("resellerAccess")
        writer.bool(resellerAccess)
        writer.key("domainVerified")
        writer.bool(domainVerified)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.domain = try fields.required("domain")
        self.edition = try fields.required("edition")
        self.customerId = try fields.optional("customerId")
        self.alternateEmail = try fields.optional("alternateEmail")
        self.resellerAccess = try fields.required("resellerAccess")
        self.domainVerified = try fields.required("domainVerified")
    }
}

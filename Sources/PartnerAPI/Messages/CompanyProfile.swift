public import FramedJSON

/// A customer's company details (read-only for partners).
public struct CompanyProfile: Codable, Sendable, Hashable, JSONCodable {
    /// Customer.
    public var customerId: String
    /// The original organisation name.
    public var legalName: String
    /// Domain.
    public var primaryDomain: String
    /// Cloud Identity id.
    public var cloudIdentityId: String

    /// Creates the message.
    public init(customerId: String, legalName: String, primaryDomain: String, cloudIdentityId: String) {
        self.customerId = customerId
        self.legalName = legalName
        self.primaryDomain = primaryDomain
        self.cloudIdentityId = cloudIdentityId
    }
}

// MARK: JSON coding

extension CompanyProfile: WireMembers {
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
        WireBytes.literal(",\"legalName\":", into: &out)
        WireBytes.string(legalName, into: &out)
        WireBytes.literal(",\"primaryDomain\":", into: &out)
        WireBytes.string(primaryDomain, into: &out)
        WireBytes.literal(",\"cloudIdentityId\":", into: &out)
        WireBytes.string(cloudIdentityId, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.required("customerId")
        self.legalName = try fields.required("legalName")
        self.primaryDomain = try fields.required("primaryDomain")
        self.cloudIdentityId = try fields.required("cloudIdentityId")
    }
}

public import FramedJSON

/// A customer's billing details, with their own etag.
public struct BillingProfile: Codable, Sendable, Hashable, JSONCodable {
    /// Customer.
    public var customerId: String
    /// The friendly name billing shows.
    public var displayName: String
    /// Billing address.
    public var billingAddress: PostalAddress?
    /// Billing contact.
    public var billingContact: BillingContact?
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(
        customerId: String, displayName: String, billingAddress: PostalAddress? = nil,
        billingContact: BillingContact? = nil, etag: String, updateTime: String
    ) {
        self.customerId = customerId
        self.displayName = displayName
        self.billingAddress = billingAddress
        self.billingContact = billingContact
        self.etag = etag
        self.updateTime = updateTime
    }
}

// MARK: JSON coding

extension BillingProfile: WireMembers {
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
        WireBytes.literal(",\"displayName\":", into: &out)
        WireBytes.string(displayName, into: &out)
        if let billingAddress {
            WireBytes.literal(",\"billingAddress\":", into: &out)
            billingAddress.write(into: &out)
        }
        if let billingContact {
            WireBytes.literal(",\"billingContact\":", into: &out)
            billingContact.write(into: &out)
        }
        WireBytes.literal(",\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        WireBytes.literal(",\"updateTime\":", into: &out)
        WireBytes.string(updateTime, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.required("customerId")
        self.displayName = try fields.required("displayName")
        self.billingAddress = try fields.optional("billingAddress")
        self.billingContact = try fields.optional("billingContact")
        self.etag = try fields.required("etag")
        self.updateTime = try fields.required("updateTime")
    }
}

public import FramedJSON

// The `BillingProfiles.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension BillingProfiles.UpdateRequest: WireMembers {
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
        WireBytes.literal(",\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        if let billingAddress {
            WireBytes.literal(",\"billingAddress\":", into: &out)
            billingAddress.write(into: &out)
        }
        if let billingContact {
            WireBytes.literal(",\"billingContact\":", into: &out)
            billingContact.write(into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.customerId = try fields.required("customerId")
        self.etag = try fields.required("etag")
        self.billingAddress = try fields.optional("billingAddress")
        self.billingContact = try fields.optional("billingContact")
    }
}

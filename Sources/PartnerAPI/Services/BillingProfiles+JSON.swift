public import FramedJSON

// The `BillingProfiles.*` messages' JSON coding, written out member by member (no `Codable` bridge on the
// hot path). Keys and shapes are exactly what the synthesized `Codable` conformances produce.

extension BillingProfiles.UpdateRequest {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("customerId")
        writer.string(customerId)
        writer.key("etag")
        writer.string(etag)
        if let billingAddress {
            writer.key("billingAddress")
            billingAddress.encode(to: &writer)
        }
        if let billingContact {
            writer.key("billingContact")
            billingContact.encode(to: &writer)
        }
        writer.endObject()
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

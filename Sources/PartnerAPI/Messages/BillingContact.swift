public import FramedJSON

/// Who receives invoices.
public struct BillingContact: Codable, Sendable, Hashable, JSONCodable {
    /// Name.
    public var name: String
    /// Email.
    public var email: String
    /// Phone.
    public var phoneNumber: String?

    /// Creates the message.
    public init(name: String, email: String, phoneNumber: String? = nil) {
        self.name = name
        self.email = email
        self.phoneNumber = phoneNumber
    }
}

// MARK: JSON coding

extension BillingContact: WireMembers {
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
        if let phoneNumber {
            WireBytes.literal(",\"phoneNumber\":", into: &out)
            WireBytes.string(phoneNumber, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.name = try fields.required("name")
        self.email = try fields.required("email")
        self.phoneNumber = try fields.optional("phoneNumber")
    }
}

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

extension BillingContact {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("name")
        writer.string(name)
        writer.key("email")
        writer.string(email)
        if let phoneNumber {
            writer.key("phoneNumber")
            writer.string(phoneNumber)
        }
        writer.endObject()
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

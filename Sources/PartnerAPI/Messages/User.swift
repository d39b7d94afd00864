public import FramedJSON

/// A user of the partner (no customerId) or of a customer.
public struct User: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Absent for the partner's own users.
    public var customerId: String?
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// Email.
    public var email: String
    /// Contact types the user holds through contacts.
    public var contactTypes: [ContactType]
    /// RFC 3339.
    public var createTime: String

    /// Creates the message.
    public init(
        id: String, customerId: String? = nil, firstName: String, lastName: String, email: String,
        contactTypes: [ContactType], createTime: String
    ) {
        self.id = id
        self.customerId = customerId
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.contactTypes = contactTypes
        self.createTime = createTime
    }
}

// MARK: JSON coding

extension User: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"id\":", into: &out)
        WireBytes.string(id, into: &out)
        if let customerId {
            WireBytes.literal(",\"customerId\":", into: &out)
            WireBytes.string(customerId, into: &out)
        }
        WireBytes.literal(",\"firstName\":", into: &out)
        WireBytes.string(firstName, into: &out)
        WireBytes.literal(",\"lastName\":", into: &out)
        WireBytes.string(lastName, into: &out)
        WireBytes.literal(",\"email\":", into: &out)
        WireBytes.string(email, into: &out)
        WireBytes.literal(",\"contactTypes\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in contactTypes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element.rawValue, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.customerId = try fields.optional("customerId")
        self.firstName = try fields.required("firstName")
        self.lastName = try fields.required("lastName")
        self.email = try fields.required("email")
        self.contactTypes = try fields.required("contactTypes")
        self.createTime = try fields.required("createTime")
    }
}

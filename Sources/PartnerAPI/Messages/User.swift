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
    public init(id: String, customerId: String? = nil, firstName: String, lastName: String, email: String, contactTypes: [ContactType], createTime: String) {
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

extension User {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        if let customerId {
            writer.key("customerId")
            writer.string(customerId)
        }
        writer.key("firstName")
        writer.string(firstName)
        writer.key("lastName")
        writer.string(lastName)
        writer.key("email")
        writer.string(email)
        writer.key("contactTypes")
        writer.beginArray()
        for element in contactTypes {
            writer.string(element.rawValue)
        }
        writer.endArray()
        writer.key("createTime")
        writer.string(createTime)
        writer.endObject()
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

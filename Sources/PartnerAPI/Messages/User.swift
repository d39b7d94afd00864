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

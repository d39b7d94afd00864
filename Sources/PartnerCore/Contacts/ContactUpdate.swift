/// The input of `Contacts.Update`: given fields change, `nil` fields stay. An empty string
/// clears `businessPhone` / `jobTitle`.
public struct ContactUpdate: Sendable, Hashable, Codable {
    /// The contact.
    public var contactId: String
    /// The etag the caller read; stale -> ABORTED.
    public var etag: String?
    /// New first name.
    public var firstName: String?
    /// New last name.
    public var lastName: String?
    /// New business email (user-linked contacts: pending until confirmed).
    public var businessEmail: String?
    /// New phone.
    public var businessPhone: String?
    /// New job title.
    public var jobTitle: String?
    /// New types (one or more).
    public var types: Set<ContactType>?

    /// Creates the input.
    public init(
        contactId: String, etag: String? = nil, firstName: String? = nil, lastName: String? = nil,
        businessEmail: String? = nil, businessPhone: String? = nil, jobTitle: String? = nil,
        types: Set<ContactType>? = nil
    ) {
        self.contactId = contactId
        self.etag = etag
        self.firstName = firstName
        self.lastName = lastName
        self.businessEmail = businessEmail
        self.businessPhone = businessPhone
        self.jobTitle = jobTitle
        self.types = types
    }
}

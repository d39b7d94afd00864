/// The input of `Contacts.Create`: from a user (`userId`; names and email come from it unless
/// given) or for an outside person (first name, last name, business email required).
public struct NewContact: Sendable, Hashable, Codable {
    /// The customer; `nil` for a contact of the partner itself.
    public var customerId: String?
    /// The user to make the contact from.
    public var userId: String?
    /// First name.
    public var firstName: String?
    /// Last name.
    public var lastName: String?
    /// Business email.
    public var businessEmail: String?
    /// Business phone, optional.
    public var businessPhone: String?
    /// Job title, optional.
    public var jobTitle: String?
    /// One or more of BILLING, TECHNICAL, BUSINESS.
    public var types: Set<ContactType>

    /// Creates the input.
    public init(
        customerId: String? = nil, userId: String? = nil, firstName: String? = nil, lastName: String? = nil,
        businessEmail: String? = nil, businessPhone: String? = nil, jobTitle: String? = nil, types: Set<ContactType>
    ) {
        self.customerId = customerId
        self.userId = userId
        self.firstName = firstName
        self.lastName = lastName
        self.businessEmail = businessEmail
        self.businessPhone = businessPhone
        self.jobTitle = jobTitle
        self.types = types
    }
}

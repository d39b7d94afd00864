public import FramedJSON

/// A contact of the partner or a customer, external or linked to a user.
public struct Contact: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Absent for the partner's own contacts.
    public var customerId: String?
    /// Present when made from a user.
    public var userId: String?
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// The email in force.
    public var businessEmail: String
    /// Phone.
    public var businessPhone: String?
    /// Job title.
    public var jobTitle: String?
    /// BILLING, TECHNICAL, BUSINESS: at least one.
    public var types: [ContactType]
    /// A new email awaiting confirmation.
    public var pendingEmail: String?
    /// The types for which it is its scope's primary contact.
    public var primaryFor: [ContactType]?
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(
        id: String, customerId: String? = nil, userId: String? = nil, firstName: String, lastName: String,
        businessEmail: String, businessPhone: String? = nil, jobTitle: String? = nil, types: [ContactType],
        pendingEmail: String? = nil, primaryFor: [ContactType]? = nil, etag: String, createTime: String,
        updateTime: String
    ) {
        self.id = id
        self.customerId = customerId
        self.userId = userId
        self.firstName = firstName
        self.lastName = lastName
        self.businessEmail = businessEmail
        self.businessPhone = businessPhone
        self.jobTitle = jobTitle
        self.types = types
        self.pendingEmail = pendingEmail
        self.primaryFor = primaryFor
        self.etag = etag
        self.createTime = createTime
        self.updateTime = updateTime
    }
}

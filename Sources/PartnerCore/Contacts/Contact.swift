/// A contact of the partner (no `customerId`) or of a customer: made from a user (`userId`)
/// or for an outside person. A customer's contacts are visible to that customer.
public struct Contact: StoredRecord, Versioned, Hashable {
    /// Stored kind `contact`.
    public static let kind = RecordKind("contact")

    /// Id, `con_...`.
    public var id: String
    /// The partner.
    public var partnerId: String
    /// The customer; `nil` for the partner's own contacts.
    public var customerId: String?
    /// The linked user, if made from one.
    public var userId: String?
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// Business email in force.
    public var businessEmail: String
    /// Business phone, optional.
    public var businessPhone: String?
    /// Job title, optional.
    public var jobTitle: String?
    /// One or more types, sorted.
    public var types: [ContactType]
    /// A new email awaiting confirmation (user-linked contacts only).
    public var pendingEmail: String?
    /// The types for which this contact is its scope's primary contact (one per type and
    /// scope; `nil` on records from before primaries were kept).
    public var primaryFor: [ContactType]?
    /// Version counter.
    public var version: Int64
    /// Etag of `version`.
    public var etag: String
    /// Creation time.
    public var createTime: Timestamp
    /// Last change.
    public var updateTime: Timestamp

    /// Creates a contact at version 1.
    public init(
        id: String, partnerId: String, customerId: String?, userId: String?, firstName: String, lastName: String,
        businessEmail: String, businessPhone: String?, jobTitle: String?, types: Set<ContactType>, time: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
        self.customerId = customerId
        self.userId = userId
        self.firstName = firstName
        self.lastName = lastName
        self.businessEmail = businessEmail
        self.businessPhone = businessPhone
        self.jobTitle = jobTitle
        self.types = types.sorted()
        self.pendingEmail = nil
        self.version = 1
        self.etag = Etag.initial
        self.createTime = time
        self.updateTime = time
    }

    /// The scope key: `customer:<id>` or `partner`.
    public var scope: String { customerId.map { "customer:\($0)" } ?? "partner" }

    /// A user backs at most one contact.
    public var uniqueKeys: [String] { userId.map { ["user:\($0)"] } ?? [] }
    /// Listable per scope and per user.
    public var lookupKeys: [String] { [scope] + (userId.map { ["user:\($0)"] } ?? []) }
}

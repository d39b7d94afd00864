/// A user of the partner (no `customerId`) or of one of its customers. A user may be linked
/// to one contact; its `contactTypes` are that contact's types (empty when none).
public struct User: StoredRecord, Hashable {
    /// Stored kind `user`.
    public static let kind = RecordKind("user")

    /// Id, `usr_...`.
    public var id: String
    /// The partner.
    public var partnerId: String
    /// The customer the user belongs to; `nil` for the partner's own users.
    public var customerId: String?
    /// First name.
    public var firstName: String
    /// Last name.
    public var lastName: String
    /// Email, unique within its partner or customer.
    public var email: String
    /// The types of the contact linked to the user (filled on read).
    public var contactTypes: [ContactType]
    /// Creation time.
    public var createTime: Timestamp

    /// Creates a user.
    public init(
        id: String, partnerId: String, customerId: String?, firstName: String, lastName: String, email: String,
        createTime: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
        self.customerId = customerId
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.contactTypes = []
        self.createTime = createTime
    }

    /// The scope key: `customer:<id>` or `partner`.
    public var scope: String { customerId.map { "customer:\($0)" } ?? "partner" }

    /// Email unique per scope.
    public var uniqueKeys: [String] { ["email:\(partnerId):\(scope):\(email.lowercased())"] }
    /// Listable per scope.
    public var lookupKeys: [String] { [scope] }
}

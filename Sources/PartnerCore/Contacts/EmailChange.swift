/// A pending change of a user-linked contact's email: applied only when confirmed with its
/// one-time token (only the token's SHA-256 is stored).
public struct EmailChange: StoredRecord, Hashable {
    /// Stored kind `email_change`.
    public static let kind = RecordKind("email_change")

    /// Where a change stands.
    public enum State: String, Sendable, Hashable, Codable {
        /// Awaiting confirmation.
        case pending = "PENDING"
        /// Confirmed and applied.
        case confirmed = "CONFIRMED"
        /// Replaced by a newer change or dropped with its contact.
        case superseded = "SUPERSEDED"
    }

    /// Id, `ecg_...`.
    public var id: String
    /// The partner.
    public var partnerId: String
    /// The contact.
    public var contactId: String
    /// The address to switch to.
    public var newEmail: String
    /// Hex SHA-256 of the token.
    public var tokenHash: String
    /// State.
    public var state: State
    /// Expiry of the token.
    public var expireTime: Timestamp
    /// Creation time.
    public var createTime: Timestamp

    /// Creates a pending change.
    public init(
        id: String, partnerId: String, contactId: String, newEmail: String, tokenHash: String, expireTime: Timestamp,
        createTime: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
        self.contactId = contactId
        self.newEmail = newEmail
        self.tokenHash = tokenHash
        self.state = .pending
        self.expireTime = expireTime
        self.createTime = createTime
    }

    /// Findable by token hash.
    public var uniqueKeys: [String] { ["token:\(tokenHash)"] }
    /// Listable per contact.
    public var lookupKeys: [String] { ["contact:\(contactId)"] }
}

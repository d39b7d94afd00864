/// An invitation sent to a prospective customer. It holds only the SHA-256 of its one-time
/// token; the token itself travels once, in the invitation email.
public struct Invitation: StoredRecord, Hashable {
    /// Stored kind `invitation`.
    public static let kind = RecordKind("invitation")

    /// Where an invitation stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Sent, not yet accepted, not expired.
        case pending = "PENDING"
        /// Accepted: the customer is ACTIVE.
        case accepted = "ACCEPTED"
        /// Revoked, or replaced by a resend.
        case revoked = "REVOKED"
        /// Past its expiry without acceptance (reported, not stored).
        case expired = "EXPIRED"
    }

    /// Id, `inv_...`.
    public var id: String
    /// The partner.
    public var partnerId: String
    /// The invited (INVITED) customer.
    public var customerId: String
    /// The invitee's name.
    public var name: String
    /// Where the invitation was sent.
    public var email: String
    /// Stored state (`expired` is derived: see `state(at:)`).
    public var state: State
    /// Lower-case hex SHA-256 of the token.
    public var tokenHash: String
    /// After this time the token no longer works.
    public var expireTime: Timestamp
    /// When it was sent.
    public var createTime: Timestamp
    /// When it was accepted.
    public var acceptTime: Timestamp?

    /// Creates a pending invitation.
    public init(
        id: String, partnerId: String, customerId: String, name: String, email: String, tokenHash: String,
        expireTime: Timestamp, createTime: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
        self.customerId = customerId
        self.name = name
        self.email = email
        self.state = .pending
        self.tokenHash = tokenHash
        self.expireTime = expireTime
        self.createTime = createTime
        self.acceptTime = nil
    }

    /// The state as of `now`: a pending invitation past its expiry is EXPIRED.
    public func state(at now: Timestamp) -> State {
        state == .pending && now >= expireTime ? .expired : state
    }

    /// This invitation with its state as of `now` (for answers).
    public func asOf(_ now: Timestamp) -> Invitation {
        var copy = self
        copy.state = state(at: now)
        return copy
    }

    /// Findable by token hash; listable per customer.
    public var uniqueKeys: [String] { ["token:\(tokenHash)"] }
    /// `customer:<id>`.
    public var lookupKeys: [String] { ["customer:\(customerId)"] }
}

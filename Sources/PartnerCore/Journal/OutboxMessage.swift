/// A message the system would email: kept in the outbox (`Notifications.List`) with its
/// recipients and full text. One-time secrets appear in the text only, never elsewhere.
public struct OutboxMessage: StoredRecord, Equatable {
    /// Stored kind `outbox_message`.
    public static let kind = RecordKind("outbox_message")

    /// What a message is about.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Account credentials notice to a new customer's primary and alternate emails.
        case credentials = "CREDENTIALS"
        /// Invitation with a one-time acceptance token.
        case invitation = "INVITATION"
        /// Verification of a contact's new email, with a one-time token.
        case emailVerification = "EMAIL_VERIFICATION"
        /// Any other notice (deletion, subscription changes, invoices).
        case notice = "NOTICE"
    }

    /// Id, `msg_...`.
    public var id: String
    /// The partner whose outbox it is.
    public var partnerId: String
    /// Email addresses.
    public var recipients: [String]
    /// Subject line.
    public var subject: String
    /// Plain-text body.
    public var text: String
    /// What it is about.
    public var messageKind: Kind
    /// Ids of the resources it concerns (customer, contact, invitation...).
    public var relatedIds: [String]
    /// When it was queued.
    public var createTime: Timestamp

    /// Creates a message.
    public init(
        id: String, partnerId: String, recipients: [String], subject: String, text: String, messageKind: Kind,
        relatedIds: [String], createTime: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
        self.recipients = recipients
        self.subject = subject
        self.text = text
        self.messageKind = messageKind
        self.relatedIds = relatedIds
        self.createTime = createTime
    }

    /// Findable by each related id (`related:<id>`).
    public var lookupKeys: [String] { relatedIds.map { "related:\($0)" } }
}

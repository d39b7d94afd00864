public import FramedJSON

/// A message the system would email (the outbox).
public struct Notification: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// e.g. INVITATION, CREDENTIALS, EMAIL_VERIFICATION.
    public var kind: String
    /// Addresses.
    public var recipients: [String]
    /// Subject.
    public var subject: String
    /// Body.
    public var text: String
    /// Related resources.
    public var relatedIds: [String]?
    /// RFC 3339.
    public var createTime: String

    /// Creates the message.
    public init(
        id: String, kind: String, recipients: [String], subject: String, text: String, relatedIds: [String]? = nil,
        createTime: String
    ) {
        self.id = id
        self.kind = kind
        self.recipients = recipients
        self.subject = subject
        self.text = text
        self.relatedIds = relatedIds
        self.createTime = createTime
    }
}

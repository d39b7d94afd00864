public import FramedJSON

/// A person acting for the partner, with one or both roles.
public struct Agent: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Name.
    public var displayName: String
    /// Email.
    public var email: String
    /// salesAgent and/or adminAgent.
    public var roles: [Role]
    /// A disabled agent's tokens stop working.
    public var disabled: Bool
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(
        id: String, displayName: String, email: String, roles: [Role], disabled: Bool, etag: String, createTime: String,
        updateTime: String
    ) {
        self.id = id
        self.displayName = displayName
        self.email = email
        self.roles = roles
        self.disabled = disabled
        self.etag = etag
        self.createTime = createTime
        self.updateTime = updateTime
    }
}

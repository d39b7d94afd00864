public import FramedJSON

/// Params that carry one one-time token from an email (`Invitations.Accept`,
/// `Contacts.ConfirmEmail`).
public struct TokenRequest: Codable, Sendable, Hashable, JSONCodable {
    /// The token, as the email gave it.
    public var token: String

    /// Creates the params.
    public init(token: String) {
        self.token = token
    }
}

/// A newly created token: its description and the bearer text, shown this once only.
public struct IssuedToken: Sendable, Hashable, Codable {
    /// The token's description.
    public var token: ApiTokenInfo
    /// The bearer text `<tokenId>.<secret>` (256-bit secret). Not stored anywhere.
    public var secret: String

    /// Creates the pair.
    public init(token: ApiTokenInfo, secret: String) {
        self.token = token
        self.secret = secret
    }
}

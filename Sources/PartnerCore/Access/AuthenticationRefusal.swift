/// Why a call's credentials were refused. Recorded in the audit log (never on the wire: the
/// caller only learns UNAUTHENTICATED, WIRE.md §12).
public enum AuthenticationRefusal: String, Sendable, Hashable, CaseIterable {
    /// No `meta.authorization` at all.
    case missing
    /// Not `Bearer <tokenId>.<secret>` of printable ASCII (or absurdly long).
    case malformed
    /// The token id names no stored token.
    case unknown
    /// The token id is known but the secret does not match its hash.
    case wrongSecret = "wrong-secret"
    /// The token was revoked.
    case revoked
    /// The token's lifetime has passed.
    case expired
    /// The token's agent is disabled or gone.
    case agentDisabled = "agent-disabled"
}

/// A refused authentication: the reason, and the token's owner when its id named a stored token
/// (so the refusal can go to that partner's audit log). Holds no secret.
public struct AuthenticationFailure: Error, Sendable, Hashable {
    /// Why.
    public var reason: AuthenticationRefusal
    /// The stored token the bearer text named, when there is one.
    public var tokenId: String?
    /// That token's partner.
    public var partnerId: String?
    /// That token's agent.
    public var agentId: String?

    /// Creates a failure.
    public init(
        _ reason: AuthenticationRefusal, tokenId: String? = nil, partnerId: String? = nil, agentId: String? = nil
    ) {
        self.reason = reason
        self.tokenId = tokenId
        self.partnerId = partnerId
        self.agentId = agentId
    }

    /// The one error every refusal becomes on the wire: UNAUTHENTICATED, not saying which.
    public static let wireError = DomainError.unauthenticated("the token is not valid (unknown, revoked or expired)")
}

/// A token that authenticated: the caller it stands for and what decides its future validity.
public struct VerifiedToken: Sendable, Hashable {
    /// The caller (without a request id).
    public var caller: Caller
    /// The token's id.
    public var tokenId: String
    /// When it stops authenticating by itself; `nil` = never.
    public var expireTime: Timestamp?

    /// Creates the value.
    public init(caller: Caller, tokenId: String, expireTime: Timestamp?) {
        self.caller = caller
        self.tokenId = tokenId
        self.expireTime = expireTime
    }
}

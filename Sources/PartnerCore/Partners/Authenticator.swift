/// Turns a bearer token into a `Caller`. The service's auth interceptor calls it on every call
/// whose token is not in its `TokenCache`; the cache is emptied by every write that touches a
/// token or an agent, so revocation and expiry take effect on the next call.
///
/// Secrets are compared only as SHA-256 hashes, with `Hex.constantTimeEquals`, and a hash is
/// computed even when the token id is unknown, so timing does not tell known ids apart.
public struct Authenticator: Sendable {
    /// The environment (its clock decides expiry).
    public let context: DomainContext

    /// The longest bearer text looked at; longer is `malformed`.
    public static let maxTokenLength = 200

    /// Creates the authenticator.
    public init(context: DomainContext) { self.context = context }

    /// The caller a bearer token stands for.
    /// - Parameters:
    ///   - token: the bearer text `<tokenId>.<secret>` (a leading `Bearer ` is tolerated).
    ///   - requestId: copied into the caller for audit.
    /// - Throws: UNAUTHENTICATED when the token is malformed, unknown, wrong, revoked, expired,
    ///   or its agent is disabled or gone. The message does not say which.
    public func authenticate(bearer token: String, requestId: String? = nil, in tx: any StoreReading)
        throws(DomainError) -> Caller
    {
        switch verify(bearer: token, in: tx) {
        case .success(let verified): return verified.caller.with(requestId: requestId)
        case .failure: throw AuthenticationFailure.wireError
        }
    }

    /// Checks a bearer token and says why it was refused (for the audit log; the wire only
    /// ever hears UNAUTHENTICATED).
    /// - Parameter token: `<tokenId>.<secret>` (a leading `Bearer ` is tolerated).
    /// - Returns: the verified token, or the refusal with the token's owner when its id is known.
    public func verify(bearer token: String, in tx: any StoreReading) -> Result<VerifiedToken, AuthenticationFailure> {
        guard let (id, secret) = Self.split(token) else { return .failure(AuthenticationFailure(.malformed)) }
        let record: ApiToken?
        do { record = try tx.get(ApiToken.self, id: id) } catch { return .failure(AuthenticationFailure(.unknown)) }
        // Hash even when the id is unknown, so timing does not tell ids apart.
        let presented = SHA256.hex(secret)
        let stored = record?.secretHash ?? String(repeating: "0", count: 64)
        let matches = Hex.constantTimeEquals(presented, stored)
        guard let record else { return .failure(AuthenticationFailure(.unknown)) }
        let owner = { (reason: AuthenticationRefusal) in
            AuthenticationFailure(reason, tokenId: record.id, partnerId: record.partnerId, agentId: record.agentId)
        }
        guard matches else { return .failure(owner(.wrongSecret)) }
        guard record.revokeTime == nil else { return .failure(owner(.revoked)) }
        if let expiry = record.expireTime, context.now() >= expiry { return .failure(owner(.expired)) }
        let agent: Agent?
        do { agent = try tx.get(Agent.self, id: record.agentId) } catch { return .failure(owner(.agentDisabled)) }
        guard let agent, agent.partnerId == record.partnerId, !agent.disabled else {
            return .failure(owner(.agentDisabled))
        }
        let caller = Caller(partnerId: agent.partnerId, agentId: agent.id, roles: Set(agent.roles))
        return .success(VerifiedToken(caller: caller, tokenId: record.id, expireTime: record.expireTime))
    }

    /// `(tokenId, secret)` of well-formed bearer text: at most `maxTokenLength` printable ASCII
    /// characters other than space, with a non-empty id and secret around the first dot.
    static func split(_ token: String) -> (id: String, secret: String)? {
        var text = Substring(token)
        if text.hasPrefix("Bearer ") { text = text.dropFirst(7) }
        let bytes = text.utf8
        guard bytes.count <= maxTokenLength, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            let dot = text.firstIndex(of: ".")
        else { return nil }
        let id = text[..<dot]
        let secret = text[text.index(after: dot)...]
        guard !id.isEmpty, !secret.isEmpty else { return nil }
        return (String(id), String(secret))
    }
}

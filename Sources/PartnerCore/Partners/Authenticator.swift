/// Turns a bearer token into a `Caller`. The service's auth interceptor calls it on every
/// call, so revocation and expiry take effect on the next call.
public struct Authenticator: Sendable {
    /// The environment (its clock decides expiry).
    public let context: DomainContext

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
        let refused = DomainError.unauthenticated("the token is not valid (unknown, revoked or expired)")
        var text = Substring(token)
        if text.hasPrefix("Bearer ") { text = text.dropFirst(7) }
        guard let dot = text.firstIndex(of: "."), text.count < 200 else { throw refused }
        let id = String(text[..<dot])
        let secret = String(text[text.index(after: dot)...])
        let record: ApiToken?
        do { record = try tx.get(ApiToken.self, id: id) } catch { throw refused }
        // Hash even when the id is unknown, so timing does not tell ids apart.
        let presented = SHA256.hex(secret)
        let stored = record?.secretHash ?? String(repeating: "0", count: 64)
        guard Hex.constantTimeEquals(presented, stored), let record else { throw refused }
        guard record.revokeTime == nil else { throw refused }
        if let expiry = record.expireTime, context.now() >= expiry { throw refused }
        let agent: Agent?
        do { agent = try tx.get(Agent.self, id: record.agentId) } catch { throw refused }
        guard let agent, agent.partnerId == record.partnerId, !agent.disabled else { throw refused }
        return Caller(partnerId: agent.partnerId, agentId: agent.id, roles: Set(agent.roles), requestId: requestId)
    }
}

/// `Tokens.*`: API tokens of agents (admin agents only). The secret is 256 random bits, shown
/// once; only its SHA-256 is stored.
public struct TokenOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Shortest allowed lifetime: one minute.
    public static let minTTLSeconds: Int64 = 60
    /// Longest allowed lifetime: 365 days.
    public static let maxTTLSeconds: Int64 = 365 * 86_400

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// `Tokens.Create`: a token for an agent of the caller's partner (default: the caller).
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `agentId`; INVALID_ARGUMENT field
    ///   `ttlSeconds` outside 60 s...365 days.
    public func create(_ input: NewToken, caller: Caller, in tx: any StoreWriting) throws -> IssuedToken {
        try Policy.authorize(.tokensCreate, caller)
        let agent = try AgentOperations.agent(input.agentId ?? caller.agentId, of: caller.partnerId, in: tx)
        let name = try FieldRules.optionalText(input.label, field: "label", maxLength: 100) ?? ""
        if let ttl = input.ttlSeconds, !(Self.minTTLSeconds...Self.maxTTLSeconds).contains(ttl) {
            throw DomainError.invalid(
                field: "ttlSeconds",
                reason: "is \(ttl); it must be between \(Self.minTTLSeconds) and \(Self.maxTTLSeconds)")
        }
        let issued = try issue(for: agent, label: name, ttlSeconds: input.ttlSeconds, in: tx)
        try Audit.record(
            .tokensCreate, target: issued.token.id, after: ["agentId": agent.id, "label": name],
            caller: caller, context: context, in: tx)
        try Events.emit(
            "token.created", resourceId: issued.token.id, partnerId: caller.partnerId, context: context, in: tx)
        return issued
    }

    /// `Tokens.List`: tokens of one agent (or all agents when `agentId` is nil), never secrets.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `agentId`; INVALID_ARGUMENT on paging.
    public func list(agentId: String?, page: PageRequest, caller: Caller, in tx: any StoreReading) throws -> Page<
        ApiTokenInfo
    > {
        try Policy.authorize(.tokensList, caller)
        if let agentId { _ = try AgentOperations.agent(agentId, of: caller.partnerId, in: tx) }
        return try Page.collect(
            ApiToken.self, partnerId: caller.partnerId, lookupKey: agentId.map { "agent:\($0)" },
            query: "tokens", request: page, tokens: context.pageTokens, in: tx, transform: { $0.info })
    }

    /// `Tokens.Revoke`: the token stops authenticating from the next call on. Revoking twice
    /// is harmless and keeps the first revocation time.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `tokenId` (also another partner's token).
    public func revoke(tokenId: String, caller: Caller, in tx: any StoreWriting) throws -> ApiTokenInfo {
        try Policy.authorize(.tokensRevoke, caller)
        guard var token = try tx.get(ApiToken.self, id: tokenId), token.partnerId == caller.partnerId else {
            throw DomainError.notFound("token", tokenId, field: "tokenId")
        }
        guard token.revokeTime == nil else { return token.info }
        token.revokeTime = context.now()
        try tx.put(token)
        try Audit.record(
            .tokensRevoke, target: token.id, before: ["revoked": "false"], after: ["revoked": "true"],
            caller: caller, context: context, in: tx)
        try Events.emit("token.revoked", resourceId: token.id, partnerId: caller.partnerId, context: context, in: tx)
        return token.info
    }

    /// Makes and stores a token for `agent`; returns it with its bearer text.
    func issue(for agent: Agent, label: String, ttlSeconds: Int64?, in tx: any StoreWriting) throws -> IssuedToken {
        let now = context.now()
        let secret = IDGenerator.randomToken(bytes: 32)
        let token = ApiToken(
            id: context.ids.next("tok"), partnerId: agent.partnerId, agentId: agent.id, label: label,
            secretHash: SHA256.hex(secret), createTime: now, expireTime: ttlSeconds.map { now.adding(seconds: $0) })
        try tx.put(token)
        return IssuedToken(token: token.info, secret: "\(token.id).\(secret)")
    }
}

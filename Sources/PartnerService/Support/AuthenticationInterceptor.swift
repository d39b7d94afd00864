public import FramedJSON
public import FramedRPC
public import PartnerCore

/// Authenticates `meta.authorization: "Bearer <token>"` for every method that needs it and puts
/// the resulting `Caller` in the context. Authorization (roles) happens later, in the domain.
///
/// - Answers UNAUTHENTICATED when the token is missing, malformed, unknown, expired, revoked or
///   its agent disabled; the message never echoes the token and never says which.
/// - With a `TokenCache`, a token seen before authenticates without a store read; the cache is
///   emptied by every write to tokens or agents (`CredentialWatchingStore`), and expiry is
///   checked on every hit, so revocation and expiry apply to the next call.
/// - With a `RefusalAuditor`, every refusal (and every PERMISSION_DENIED the domain answers)
///   is written to the audit log, without the token.
/// - With a refusal rate limit, a source host past its budget of refused authentications is
///   answered RESOURCE_EXHAUSTED with `data.retryAfterMs` instead of UNAUTHENTICATED (the
///   refusal is still audited); a valid token is never held back by it.
/// - With an agent rate limit, an authenticated agent over its budget is answered
///   RESOURCE_EXHAUSTED with `data.retryAfterMs` (WIRE.md §15), before the handler runs.
public struct AuthenticationInterceptor: RPCServerInterceptor {
    let store: any RecordStore
    let authenticator: Authenticator
    let cache: TokenCache?
    let auditor: RefusalAuditor?
    let agentLimiter: RPCRateLimiter?
    let refusalLimiter: RPCRateLimiter?

    /// Creates the interceptor over the store holding tokens: no cache, no audit, no limit.
    public init(store: any RecordStore, authenticator: Authenticator) {
        self.init(
            store: store, authenticator: authenticator, cache: nil, auditor: nil, agentRateLimit: nil,
            refusalRateLimit: nil)
    }

    /// Creates the interceptor.
    /// - Parameters:
    ///   - store: where tokens and agents are read.
    ///   - authenticator: checks a bearer token.
    ///   - cache: remembers verified tokens (must be the cache the writing store invalidates).
    ///   - auditor: records refusals.
    ///   - agentRateLimit: calls per second each agent may make; `nil` = no limit.
    ///   - refusalRateLimit: refused authentications per second each source host may cause;
    ///     `nil` = no limit.
    public init(
        store: any RecordStore, authenticator: Authenticator, cache: TokenCache?, auditor: RefusalAuditor?,
        agentRateLimit: RPCRateLimit?, refusalRateLimit: RPCRateLimit? = nil
    ) {
        self.store = store
        self.authenticator = authenticator
        self.cache = cache
        self.auditor = auditor
        self.agentLimiter = agentRateLimit.map { RPCRateLimiter(limit: $0, scope: "per agent") }
        self.refusalLimiter = refusalRateLimit.map {
            RPCRateLimiter(limit: $0, scope: "of refused authentications per source")
        }
    }

    /// Authenticates when the method requires it, applies the agent's rate limit, then continues.
    public func intercept(
        request: RPCRequest, context: RPCServerContext, next: RPCServerNext
    ) async throws -> any JSONEncodable & Sendable {
        guard context.descriptor.requiresAuthentication else { return try await next(request, context) }
        let requestId = request.metadata.traceparent ?? request.id.map { "\($0)" }
        guard let header = request.metadata.authorization else {
            throw await refuse(
                AuthenticationFailure(.missing), request: request, context: context, requestId: requestId,
                RPCError(code: .unauthenticated, message: "missing meta.authorization: send \"Bearer <token>\""))
        }
        guard let token = Self.bearerToken(header) else {
            throw await refuse(
                AuthenticationFailure(.malformed), request: request, context: context, requestId: requestId,
                RPCError(code: .unauthenticated, message: "meta.authorization must be \"Bearer <token>\""))
        }
        let verified: VerifiedToken
        switch try await verify(token) {
        case .success(let token):
            verified = token
        case .failure(let failure):
            throw await refuse(
                failure, request: request, context: context, requestId: requestId, AuthenticationFailure.wireError)
        }
        if let annotations = context.annotations {
            annotations.add("agent", verified.caller.agentId)
            annotations.add("partner", verified.caller.partnerId)
        }
        if let error = agentLimiter?.check(key: verified.caller.agentId) {
            context.annotations?.add("limited", "agent")
            throw error
        }
        var context = context
        let caller = verified.caller.with(requestId: requestId)
        context.values[CallerKey.self] = caller
        guard let auditor else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as DomainError where error.code == .permissionDenied {
            if let operation = Operation(rawValue: request.method) {
                await auditor.recordPermissionDenied(operation, caller: caller, error: error)
            }
            throw error
        }
    }

    /// The token of `Bearer <token>`: the scheme matched case-insensitively, exactly one space,
    /// then a non-empty token of printable ASCII without spaces (WIRE.md §12); `nil` otherwise.
    public static func bearerToken(_ header: String) -> String? {
        var header = header
        // Read in place: the scheme compared as ASCII (only A-Z fold; nothing else lower-cases
        // to these letters), the token checked and copied once.
        return header.withUTF8 { bytes -> String? in
            guard bytes.count > 7 else { return nil }
            for (offset, expected) in "bearer ".utf8.enumerated() {
                let byte = bytes[offset]
                guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected else { return nil }
            }
            let token = UnsafeBufferPointer(rebasing: bytes[7...])
            guard token.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
            return String(decoding: token, as: UTF8.self)
        }
    }

    /// The verified token: from the cache when it holds it and it has not expired, else from
    /// the store (then cached unless an invalidation raced with the read).
    /// - Throws: what the store throws when it cannot be read (UNAVAILABLE after mapping).
    private func verify(_ token: String) async throws -> Result<VerifiedToken, AuthenticationFailure> {
        let authenticator = authenticator
        guard let cache else {
            return try await store.read { tx in authenticator.verify(bearer: token, in: tx) }
        }
        let key = cache.key(for: token)
        if let hit = cache.lookup(key) {
            guard let expiry = hit.expireTime, authenticator.context.now() >= expiry else { return .success(hit) }
            return .failure(
                AuthenticationFailure(
                    .expired, tokenId: hit.tokenId, partnerId: hit.caller.partnerId, agentId: hit.caller.agentId))
        }
        let generation = cache.generation
        let result = try await store.read { tx in authenticator.verify(bearer: token, in: tx) }
        if case .success(let verified) = result { cache.insert(verified, for: key, ifGeneration: generation) }
        return result
    }

    /// Audits a refusal and returns the error to answer: `error`, or RESOURCE_EXHAUSTED when
    /// the source host has spent its budget of refusals.
    private func refuse(
        _ failure: AuthenticationFailure, request: RPCRequest, context: RPCServerContext, requestId: String?,
        _ error: any Error
    ) async -> any Error {
        await auditor?.record(failure, method: request.method, requestId: requestId, peer: context.peer)
        return refusalLimiter?.check(key: RefusalAuditor.host(of: context.peer)) ?? error
    }
}

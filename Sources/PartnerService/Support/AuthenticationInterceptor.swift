import FramedJSON
import FramedRPC
import PartnerCore

/// Authenticates `meta.authorization: "Bearer <token>"` for every method that needs it and puts
/// the resulting `Caller` in the context. Authorization (roles) happens later, in the domain.
///
/// Answers UNAUTHENTICATED when the token is missing, malformed, unknown, expired, revoked or
/// its agent disabled; the message never echoes the token.
public struct AuthenticationInterceptor: RPCServerInterceptor {
    let store: any RecordStore
    let authenticator: Authenticator

    /// Creates the interceptor over the store holding tokens.
    public init(store: any RecordStore, authenticator: Authenticator) {
        self.store = store
        self.authenticator = authenticator
    }

    /// Authenticates when the method requires it, then continues.
    public func intercept(
        request: RPCRequest, context: RPCServerContext, next: RPCServerNext
    ) async throws -> any JSONEncodable & Sendable {
        guard context.descriptor.requiresAuthentication else { return try await next(request, context) }
        guard let header = request.metadata.authorization else {
            throw RPCError(code: .unauthenticated, message: "missing meta.authorization: send \"Bearer <token>\"")
        }
        guard header.hasPrefix("Bearer "), header.count > 7 else {
            throw RPCError(code: .unauthenticated, message: "meta.authorization must be \"Bearer <token>\"")
        }
        let token = String(header.dropFirst(7))
        let requestId = request.metadata.traceparent ?? request.id.map { "\($0)" }
        let authenticator = authenticator
        let caller = try await store.read { tx in
            try authenticator.authenticate(bearer: token, requestId: requestId, in: tx)
        }
        var context = context
        context.values[CallerKey.self] = caller
        return try await next(request, context)
    }
}

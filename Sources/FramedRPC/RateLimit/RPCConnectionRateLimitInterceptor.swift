public import FramedJSON

/// Limits the calls each connection may make per second (`RPCServerConfig.connectionRateLimit`).
/// `RPCServer` installs it outermost when that limit is set; a refused call is answered
/// RESOURCE_EXHAUSTED with `data.retryAfterMs` and never reaches later interceptors or the
/// handler. Every member of a batch counts as one call; control messages (`$/ping`,
/// `$/cancel`, `$/credit`) do not count.
///
/// Connections are told apart by `RPCServerContext.peer`, which a transport makes unique per
/// open connection (`127.0.0.1:53122`, `in-process:3`).
public struct RPCConnectionRateLimitInterceptor: RPCServerInterceptor {
    /// The table of buckets, one per connection.
    public let limiter: RPCRateLimiter

    /// Creates the interceptor for `limit`.
    public init(limit: RPCRateLimit) {
        self.limiter = RPCRateLimiter(limit: limit, scope: "per connection")
    }

    /// Refuses the call with RESOURCE_EXHAUSTED when its connection is over the limit.
    public func intercept(
        request: RPCRequest, context: RPCServerContext, next: RPCServerNext
    ) async throws -> any JSONEncodable & Sendable {
        if let error = limiter.check(key: context.peer) {
            context.annotations?.add("limited", "connection")
            throw error
        }
        return try await next(request, context)
    }
}

public import FramedJSON

/// The next step of a call's chain: the following interceptor or the handler itself.
public typealias RPCServerNext = @Sendable (RPCRequest, RPCServerContext) async throws -> any JSONEncodable & Sendable

/// Code that runs around every handler: authentication, logging, metrics, idempotency.
///
/// An interceptor may change the request or the context (e.g. store the principal in
/// `context.values`), refuse the call by throwing an `RPCError`, or call `next` and look at
/// the outcome. Interceptors run in the order given to `RPCServer`, outermost first.
///
/// ```swift
/// struct RequireToken: RPCServerInterceptor {
///     func intercept(request: RPCRequest, context: RPCServerContext, next: RPCServerNext)
///         async throws -> any JSONEncodable & Sendable {
///         guard !context.descriptor.requiresAuthentication || context.metadata.authorization != nil else {
///             throw RPCError(code: .unauthenticated, message: "meta.authorization is required")
///         }
///         return try await next(request, context)
///     }
/// }
/// ```
public protocol RPCServerInterceptor: Sendable {
    /// Runs around the rest of the chain.
    func intercept(
        request: RPCRequest, context: RPCServerContext, next: RPCServerNext
    ) async throws -> any JSONEncodable & Sendable
}

public import FramedJSON

/// Wraps the unary calls of an `RPCClient`: the seam for metrics, logging and metadata a
/// caller adds to every call. Interceptors run in `RPCClientConfig.interceptors` order, the
/// first outermost; each calls `next` (at most once per attempt it wants) or throws.
///
/// Counting and timing calls:
///
/// ```swift
/// struct CallTimer: RPCClientInterceptor {
///     let record: @Sendable (String, RPCError.Code?, Duration) -> Void
///     func intercept(
///         _ call: RPCClientCall, next: (RPCClientCall) async throws(RPCError) -> JSONValue
///     ) async throws(RPCError) -> JSONValue {
///         let start = ContinuousClock.now
///         do {
///             let result = try await next(call)
///             record(call.method, nil, start.duration(to: .now))
///             return result
///         } catch {
///             record(call.method, error.code, start.duration(to: .now))
///             throw error
///         }
///     }
/// }
/// var config = RPCClientConfig()
/// config.interceptors = [CallTimer { method, code, time in print(method, code?.name ?? "OK", time) }]
/// ```
public protocol RPCClientInterceptor: Sendable {
    /// Handles one call; `next` sends it on (through the interceptors after this one).
    /// - Throws: whatever `next` throws, or the interceptor's own `RPCError`.
    func intercept(
        _ call: RPCClientCall, next: (RPCClientCall) async throws(RPCError) -> JSONValue
    ) async throws(RPCError) -> JSONValue
}

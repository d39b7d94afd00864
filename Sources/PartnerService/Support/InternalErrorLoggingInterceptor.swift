public import FramedJSON
public import FramedRPC

/// Reports the cause of every INTERNAL answer, for logs; it maps nothing itself. What a
/// handler throws becomes an answer through the runtime's `RPCError(mapping:)` (domain and
/// store errors by their `RPCErrorConvertible` conformances), which this interceptor asks only
/// to learn which failures are INTERNAL.
public struct InternalErrorLoggingInterceptor: RPCServerInterceptor {
    /// Called with the method name and the original error of each INTERNAL answer.
    public var onInternalError: @Sendable (String, any Error) -> Void

    /// Creates the interceptor.
    public init(onInternalError: @escaping @Sendable (String, any Error) -> Void) {
        self.onInternalError = onInternalError
    }

    /// Runs the call; when it fails as INTERNAL, reports the cause, then throws the answer.
    public func intercept(
        request: RPCRequest, context: RPCServerContext, next: RPCServerNext
    ) async throws -> any JSONEncodable & Sendable {
        do {
            return try await next(request, context)
        } catch {
            let answer = RPCError(mapping: error)
            if answer.code == .internalError, let cause = answer.cause { onInternalError(request.method, cause) }
            throw answer
        }
    }
}

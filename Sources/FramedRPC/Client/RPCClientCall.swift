/// What an interceptor sees of a call: its method and options (which it may change).
public struct RPCClientCall: Sendable {
    /// The method name, e.g. `Customers.Get`.
    public var method: String
    /// The call's options (timeout, credentials, idempotency key, metadata).
    public var options: RPCCallOptions

    /// Describes a call.
    public init(method: String, options: RPCCallOptions) {
        self.method = method
        self.options = options
    }
}

import Synchronization

/// Fields an interceptor adds to a call's access-log line (`agent`, `partner`), shared by
/// every copy of the call's `RPCServerContext`, so that what an inner interceptor adds is
/// seen when the call finishes. Present only when the server has an observer.
///
/// ```swift
/// context.annotations?.add("agent", caller.agentId)    // in the authentication interceptor
/// ```
public final class RPCCallAnnotations: Sendable {
    private let fields = Mutex<[(key: String, value: String)]>([])

    /// Creates an empty set.
    public init() {}

    /// Adds one field. Never pass a secret: the fields are logged as they are.
    public func add(_ key: String, _ value: String) {
        fields.withLock { $0.append((key, value)) }
    }

    /// Every field in the order added.
    public var all: [(key: String, value: String)] { fields.withLock { $0 } }
}

extension RPCServerContext {
    /// Fields for the call's access-log line, `nil` when the server has no observer.
    public var annotations: RPCCallAnnotations? { observation?.annotations }
}

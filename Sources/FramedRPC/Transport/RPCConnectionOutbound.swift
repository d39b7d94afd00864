/// The sending side of one connection, as a transport offers it to the runtime.
///
/// The runtime never touches a socket: it hands complete frames (length prefix included) to
/// `write`, asks the transport to pause or resume reading for backpressure, and closes. A
/// transport may coalesce writes made during one turn of its event loop into a single system
/// call. Every method is safe to call from any thread.
///
/// ```swift
/// final class PipeOutbound: RPCConnectionOutbound {
///     func write(_ frames: [UInt8]) { /* append to a buffer, flush soon */ }
///     var bufferedBytes: Int { 0 }
///     func waitUntilWritable() async -> Bool { true }
///     func setReading(_ enabled: Bool) {}
///     func close() {}
///     var preferredExecutor: (any TaskExecutor)? { nil }
/// }
/// ```
public protocol RPCConnectionOutbound: AnyObject, Sendable {
    /// Queues bytes holding one or more complete frames. Bytes written after `close()` are
    /// dropped.
    func write(_ frames: [UInt8])

    /// Bytes queued by `write` and not yet handed to the network.
    var bufferedBytes: Int { get }

    /// Suspends until the queued bytes drop below the transport's low-water mark. Returns
    /// `false` (at once, or when it happens) if the connection is closed.
    func waitUntilWritable() async -> Bool

    /// Stops (`false`) or resumes (`true`) delivery of inbound frames. While stopped the
    /// transport does not read the socket, so TCP flow control pushes back on the peer.
    func setReading(_ enabled: Bool)

    /// Flushes what is queued, then closes the connection. Idempotent.
    func close()

    /// Where the runtime should run this connection's handlers to avoid thread hops (for the
    /// TCP transport: the connection's event-loop thread), or `nil` for the global executor.
    var preferredExecutor: (any TaskExecutor)? { get }
}

extension RPCConnectionOutbound {
    /// No preference: handlers run on the global concurrent executor.
    public var preferredExecutor: (any TaskExecutor)? { nil }
}

/// Watches a server's connections and calls: what an access log and metrics need. The
/// runtime calls it synchronously from the connection's thread, so an implementation must be
/// quick and must not block (hand lines to a writer, bump atomic counters). It never sees a
/// token: `RPCCallRecord` carries no credentials.
///
/// Every answered call is reported once through `callFinished`: calls that ran a handler,
/// and calls refused before one (unknown method, invalid request, deadline of 0, draining).
/// A call whose connection went away before its answer is reported CANCELLED.
///
/// ```swift
/// struct CountingObserver: RPCServerObserver {
///     let finished = Atomic<Int>(0)
///     func callFinished(_ record: RPCCallRecord) { finished.add(1, ordering: .relaxed) }
/// }
/// var config = RPCServerConfig()
/// config.observer = CountingObserver()
/// let server = RPCServer(services: services, config: config)
/// ```
public protocol RPCServerObserver: Sendable {
    /// A connection was accepted.
    func connectionOpened(_ connection: RPCConnectionInfo)

    /// A connection is gone. `detail` is the transport's words; `reason` its bounded category.
    func connectionClosed(_ connection: RPCConnectionInfo, reason: RPCCloseReason, detail: String)

    /// A call's handler is about to run (a refused call never starts).
    func callStarted(_ call: RPCCallStart)

    /// A call was answered (or, for a notification, its handler returned).
    func callFinished(_ record: RPCCallRecord)

    /// True when the observer wants `frameReceived` and `frameSent`: the runtime describes
    /// every frame (a second read of its envelope) only then, so an observer that does not
    /// costs nothing per frame. Read once per connection, when it opens.
    var observesFrames: Bool { get }

    /// A frame arrived on `connection` (before it is decoded as a call).
    func frameReceived(_ connection: RPCConnectionInfo, _ frame: RPCFrameSummary)

    /// A frame was handed to the transport for `connection`.
    func frameSent(_ connection: RPCConnectionInfo, _ frame: RPCFrameSummary)
}

extension RPCServerObserver {
    /// Does nothing.
    public func connectionOpened(_ connection: RPCConnectionInfo) {}
    /// Does nothing.
    public func connectionClosed(_ connection: RPCConnectionInfo, reason: RPCCloseReason, detail: String) {}
    /// Does nothing.
    public func callStarted(_ call: RPCCallStart) {}
    /// Does nothing.
    public func callFinished(_ record: RPCCallRecord) {}
    /// False: no per-frame reports.
    public var observesFrames: Bool { false }
    /// Does nothing.
    public func frameReceived(_ connection: RPCConnectionInfo, _ frame: RPCFrameSummary) {}
    /// Does nothing.
    public func frameSent(_ connection: RPCConnectionInfo, _ frame: RPCFrameSummary) {}
}

/// One connection as the observer sees it.
public struct RPCConnectionInfo: Sendable {
    /// A number unique within the server process, from 1.
    public var id: UInt64
    /// The peer's address as the transport names it.
    public var peer: String
    /// When the connection was accepted.
    public var openedAt: ContinuousClock.Instant

    /// Creates a description.
    public init(id: UInt64, peer: String, openedAt: ContinuousClock.Instant) {
        self.id = id
        self.peer = peer
        self.openedAt = openedAt
    }
}

/// A call whose handler starts.
public struct RPCCallStart: Sendable {
    /// The method name, registered (unknown methods never start).
    public var method: String
    /// The connection's id.
    public var connectionID: UInt64

    /// Creates a description.
    public init(method: String, connectionID: UInt64) {
        self.method = method
        self.connectionID = connectionID
    }
}

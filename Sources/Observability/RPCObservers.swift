public import FramedRPC

/// Several observers behind one: each event goes to every one, in order.
///
/// ```swift
/// config.observer = RPCObservers([accessLog, metrics])
/// ```
public struct RPCObservers: RPCServerObserver {
    /// The observers told of each event.
    public let observers: [any RPCServerObserver]

    /// Combines `observers`.
    public init(_ observers: [any RPCServerObserver]) { self.observers = observers }

    /// Tells every observer.
    public func connectionOpened(_ connection: RPCConnectionInfo) {
        for observer in observers { observer.connectionOpened(connection) }
    }

    /// Tells every observer.
    public func connectionClosed(_ connection: RPCConnectionInfo, reason: RPCCloseReason, detail: String) {
        for observer in observers { observer.connectionClosed(connection, reason: reason, detail: detail) }
    }

    /// Tells every observer.
    public func callStarted(_ call: RPCCallStart) {
        for observer in observers { observer.callStarted(call) }
    }

    /// Tells every observer.
    public func callFinished(_ record: RPCCallRecord) {
        for observer in observers { observer.callFinished(record) }
    }

    /// True when any observer wants frames.
    public var observesFrames: Bool { observers.contains { $0.observesFrames } }

    /// Tells every observer that wants frames.
    public func frameReceived(_ connection: RPCConnectionInfo, _ frame: RPCFrameSummary) {
        for observer in observers where observer.observesFrames { observer.frameReceived(connection, frame) }
    }

    /// Tells every observer that wants frames.
    public func frameSent(_ connection: RPCConnectionInfo, _ frame: RPCFrameSummary) {
        for observer in observers where observer.observesFrames { observer.frameSent(connection, frame) }
    }
}

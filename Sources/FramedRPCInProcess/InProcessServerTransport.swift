public import FramedRPC
import Synchronization

/// The server half of an `InProcessTransport`: accepts connections opened by its client half.
public final class InProcessServerTransport: RPCServerTransport, Sendable {
    typealias Accept = @Sendable (any RPCConnectionOutbound, String) -> any RPCConnectionInbound

    private struct State {
        var accept: Accept?
        var served = false
        var stopped = false
        var nextID = 0
        var connections: [Int: InProcessEndpoint] = [:]
        var serveWaiter: CheckedContinuation<Void, Never>?

        mutating func takeWaiterIfDone() -> CheckedContinuation<Void, Never>? {
            guard stopped, connections.isEmpty else { return nil }
            let w = serveWaiter
            serveWaiter = nil
            return w
        }
    }

    private let state = Mutex(State())
    let config: InProcessTransport.Config

    init(config: InProcessTransport.Config) {
        self.config = config
    }

    /// Accepts connections until `stopListening()`, then returns once every connection closed.
    public func serve(
        _ accept:
            @escaping @Sendable (_ outbound: any RPCConnectionOutbound, _ peer: String) -> any RPCConnectionInbound
    ) async throws {
        state.withLock { s in
            s.accept = accept
            s.served = true
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let done = state.withLock { s -> Bool in
                    if (s.stopped && s.connections.isEmpty) || Task.isCancelled { return true }
                    s.serveWaiter = continuation
                    return false
                }
                if done { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                s.stopped = true
                let w = s.serveWaiter
                s.serveWaiter = nil
                return w
            }
            waiter?.resume()
        }
        state.withLock { $0.accept = nil }
    }

    /// Stops accepting connections; open ones stay until they close.
    public func stopListening() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.stopped = true
            s.accept = nil
            return s.takeWaiterIfDone()
        }
        waiter?.resume()
    }

    /// True until `serve` first runs (and while nothing stopped it): a connect may wait.
    var awaitsFirstServe: Bool { state.withLock { !$0.served && !$0.stopped } }

    /// The number of open connections.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// Breaks every open connection as a network failure would: both sides are told the
    /// connection closed, nothing queued is delivered.
    public func severAllConnections(reason: String = "connection reset") {
        let endpoints = state.withLock { Array($0.connections.values) }
        for endpoint in endpoints { endpoint.sever(reason: reason) }
    }

    func connect(inbound clientInbound: any RPCConnectionInbound) throws(RPCError) -> any RPCConnectionOutbound {
        let toServer = InProcessPipe(lowWaterBytes: config.lowWaterBytes, maxFrameBytes: config.maxFrameBytes)
        let toClient = InProcessPipe(lowWaterBytes: config.lowWaterBytes, maxFrameBytes: config.maxFrameBytes)
        let serverEnd = InProcessEndpoint(send: toClient, receive: toServer)
        let clientEnd = InProcessEndpoint(send: toServer, receive: toClient)
        let registered = state.withLock { s -> (Accept, Int)? in
            guard let accept = s.accept, !s.stopped else { return nil }
            s.nextID += 1
            s.connections[s.nextID] = serverEnd
            return (accept, s.nextID)
        }
        guard let (accept, id) = registered else {
            throw RPCError(code: .unavailable, message: "connection refused: no in-process server is listening")
        }
        let serverInbound = accept(serverEnd, "in-process:\(id)")
        toServer.start(deliveringTo: ClosingInbound(inner: serverInbound) { [weak self] in self?.removed(id) })
        toClient.start(deliveringTo: clientInbound)
        return clientEnd
    }

    private func removed(_ id: Int) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.connections[id] = nil
            return s.takeWaiterIfDone()
        }
        waiter?.resume()
    }
}

/// Forwards to the server's inbound and reports when the connection closed.
private final class ClosingInbound: RPCConnectionInbound, Sendable {
    let inner: any RPCConnectionInbound
    let onClosed: @Sendable () -> Void

    init(inner: any RPCConnectionInbound, onClosed: @escaping @Sendable () -> Void) {
        self.inner = inner
        self.onClosed = onClosed
    }

    func receive(frame payload: [UInt8]) { inner.receive(frame: payload) }
    func receive(frameError: FrameError) { inner.receive(frameError: frameError) }
    var isIdle: Bool { inner.isIdle }
    func connectionClosed(reason: String) {
        inner.connectionClosed(reason: reason)
        onClosed()
    }
}

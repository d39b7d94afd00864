import CEpoll
public import FramedRPC
import Glibc
import Synchronization

/// The TCP server transport: one non-blocking listening socket whose connections are spread
/// round-robin over the loops of an `EventLoopGroup`.
///
/// ```swift
/// let transport = TCPServerTransport(config: .init(host: "0.0.0.0", port: 7420))
/// let (host, port) = try transport.listen()          // optional: bind early, learn the port
/// try await transport.serve { outbound, peer in runtime.makeConnection(outbound, peer) }
/// // elsewhere, to drain: transport.stopListening(); later close the connections
/// ```
///
/// `serve` returns once `stopListening()` was called and every accepted connection has
/// closed; cancelling the task running `serve` stops listening and closes every connection.
/// When the transport created its own group it shuts the group down before returning.
public final class TCPServerTransport: RPCServerTransport, Sendable {
    /// The configuration given at creation.
    public let config: Config
    private let providedGroup: EventLoopGroup?
    /// The loaded TLS context (or why it failed), nil for plaintext.
    private let tls: Result<TLSContext, TCPTransportError>?
    /// What every connection together holds queued for its peer, against
    /// `config.maxServerOutboundBytes`.
    let outboundBudget: OutboundBudget
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var stopped = false
        var serving = false
        var serveFinished = false
        var group: EventLoopGroup?
        var listener: TCPListener?
        var address: (host: String, port: Int)?
        var failure: TCPTransportError?
        var addressWaiters: [CheckedContinuation<(host: String, port: Int), any Error>] = []
        var connections: [ObjectIdentifier: TCPConnection] = [:]
        var serveWaiter: CheckedContinuation<Void, Never>?
    }

    /// Creates a transport; nothing is bound until `listen()` or `serve(_:)`.
    /// - Parameters:
    ///   - config: address and limits.
    ///   - group: loops to run connections on; by default the transport starts
    ///     `config.loopCount` loops of its own and stops them when `serve` returns.
    public init(config: Config = Config(), group: EventLoopGroup? = nil) {
        self.config = config
        self.providedGroup = group
        self.tls = config.loadTLS()
        self.outboundBudget = OutboundBudget(limit: config.maxServerOutboundBytes)
    }

    /// Connections accepted and not yet closed.
    public var openConnections: Int { state.withLock { $0.connections.count } }

    /// Bytes every connection together holds queued for its peer right now.
    public var queuedOutboundBytes: Int { outboundBudget.bytes }

    deinit {
        // A transport dropped without serving still owns the loops `listen()` started.
        state.withLock { state in
            if providedGroup == nil, !state.serveFinished, let group = state.group {
                for loop in group.loops { loop.stopWithoutWaiting() }
            }
        }
    }

    /// Binds and listens now (idempotent), so the address is known before `serve` starts.
    /// Connections wait in the backlog until `serve` runs.
    /// - Returns: the bound address; `port` is the real one when the config asked for 0.
    /// - Throws: `TCPTransportError` when the address cannot be resolved or bound, or the
    ///   transport was already stopped.
    @discardableResult
    public func listen() throws -> (host: String, port: Int) {
        let result = state.withLock { state -> Result<(host: String, port: Int), TCPTransportError> in
            if let address = state.address { return .success(address) }
            if let failure = state.failure { return .failure(failure) }
            if state.stopped {
                return .failure(self.error("listen on", reason: "the transport was stopped"))
            }
            if case .failure(let failure)? = tls {
                state.failure = failure
                return .failure(failure)
            }
            switch bindListener() {
            case .success(let (fd, address)):
                let group = providedGroup ?? EventLoopGroup(threads: config.loopCount, name: "rpc-server")
                state.group = group
                state.listener = TCPListener(fd: fd, loop: group.loops[0])
                state.address = address
                return .success(address)
            case .failure(let failure):
                state.failure = failure
                return .failure(failure)
            }
        }
        let waiters = state.withLock { state in
            defer { state.addressWaiters = [] }
            return state.addressWaiters
        }
        for waiter in waiters { waiter.resume(with: result.mapError { $0 as any Error }) }
        return try result.get()
    }

    /// The address the transport listens on, once `listen()` or `serve(_:)` has bound it.
    /// - Throws: the bind failure, or `TCPTransportError` if stopped before binding.
    public func boundAddress() async throws -> (host: String, port: Int) {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<(host: String, port: Int), any Error>? in
                if let address = state.address { return .success(address) }
                if let failure = state.failure { return .failure(failure) }
                if state.stopped { return .failure(self.error("listen on", reason: "the transport was stopped")) }
                state.addressWaiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Accepts connections until `stopListening()`, handing each to `accept` on the
    /// connection's loop thread, then waits for every accepted connection to close.
    /// - Throws: `TCPTransportError` when the listener cannot be set up or `serve` was
    ///   already called.
    public func serve(
        _ accept:
            @escaping @Sendable (_ outbound: any RPCConnectionOutbound, _ peer: String) -> any RPCConnectionInbound
    ) async throws {
        try listen()
        let setup = try state.withLock { state -> (TCPListener, EventLoopGroup)? in
            if state.serving { throw self.error("serve on", reason: "serve(_:) was already called") }
            state.serving = true
            guard let listener = state.listener, let group = state.group, !state.stopped else { return nil }
            return (listener, group)
        }
        if let (listener, group) = setup {
            let limits = config.limits
            listener.loop.execute { [self] in
                listener.start { fd, peer in
                    self.accepted(fd: fd, peer: peer, group: group, limits: limits, accept: accept)
                }
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let done = state.withLock { state -> Bool in
                        if state.stopped && state.connections.isEmpty { return true }
                        state.serveWaiter = continuation
                        return false
                    }
                    if done { continuation.resume() }
                }
            } onCancel: {
                stopListening()
                closeAllConnections()
            }
        }
        let ownedGroup = state.withLock { state -> EventLoopGroup? in
            state.serveFinished = true
            return providedGroup == nil ? state.group : nil
        }
        await ownedGroup?.shutdown()
    }

    /// Stops accepting: the listening socket closes; accepted connections stay open until
    /// they close. Idempotent.
    public func stopListening() {
        let (listener, waiter, addressWaiters) = state.withLock { state in
            if state.stopped {
                return (
                    TCPListener?.none, CheckedContinuation<Void, Never>?.none,
                    [CheckedContinuation<(host: String, port: Int), any Error>]()
                )
            }
            state.stopped = true
            let listener = state.listener
            state.listener = nil
            var waiter: CheckedContinuation<Void, Never>?
            if state.connections.isEmpty {
                waiter = state.serveWaiter
                state.serveWaiter = nil
            }
            let addressWaiters = state.address == nil ? state.addressWaiters : []
            if state.address == nil { state.addressWaiters = [] }
            return (listener, waiter, addressWaiters)
        }
        if let listener { listener.loop.execute { listener.stop() } }
        for addressWaiter in addressWaiters {
            addressWaiter.resume(throwing: error("listen on", reason: "the transport was stopped"))
        }
        waiter?.resume()
    }

    /// Closes every open connection (each flushes what it has queued first).
    public func closeAllConnections() {
        let connections = state.withLock { Array($0.connections.values) }
        for connection in connections { connection.close() }
    }

    /// The number of accepted connections not yet closed.
    public var connectionCount: Int {
        state.withLock { $0.connections.count }
    }

    // MARK: Internals

    private func bindListener() -> Result<(Int32, (host: String, port: Int)), TCPTransportError> {
        let address: SocketAddress
        do {
            address = try SocketAddress.resolve(host: config.host, port: config.port, passive: true)
        } catch let failure as TCPTransportError {
            return .failure(failure)
        } catch {
            return .failure(self.error("listen on", reason: "\(error)"))
        }
        var storage = address.storage
        let fd = cepoll_listen(&storage, address.length, Int32(config.backlog), 0)
        guard fd >= 0 else {
            return .failure(TCPTransportError(operation: "listen on", address: describedAddress, errno: -fd))
        }
        guard let bound = SocketAddress.local(of: fd) else {
            Glibc.close(fd)
            return .failure(self.error("listen on", reason: "cannot read the bound address"))
        }
        return .success((fd, bound))
    }

    /// A new socket from the listener (acceptor loop thread).
    private func accepted(
        fd: Int32, peer: String, group: EventLoopGroup, limits: TCPConnectionLimits,
        accept: @escaping @Sendable (any RPCConnectionOutbound, String) -> any RPCConnectionInbound
    ) {
        let loop = group.next()
        let connection = TCPConnection(fd: fd, loop: loop, peer: peer, limits: limits, budget: outboundBudget)
        let admitted = state.withLock { state -> Bool in
            guard !state.serveFinished else { return false }
            state.connections[ObjectIdentifier(connection)] = connection
            return true
        }
        guard admitted, connection.attachTLS(tls) else {
            Glibc.close(fd)
            if admitted { connectionEnded(connection) }
            return
        }
        connection.onClose = { [weak self] connection in self?.connectionEnded(connection) }
        let setUp: @Sendable () -> Void = {
            _ = connection.start(inbound: accept(connection, peer))
        }
        if loop.inEventLoop {
            setUp()
        } else if !loop.execute(setUp) {
            Glibc.close(fd)
            connectionEnded(connection)
        }
    }

    private func connectionEnded(_ connection: TCPConnection) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.connections[ObjectIdentifier(connection)] = nil
            guard state.stopped && state.connections.isEmpty else { return nil }
            defer { state.serveWaiter = nil }
            return state.serveWaiter
        }
        waiter?.resume()
    }

    private var describedAddress: String { "\(config.host):\(config.port)" }

    private func error(_ operation: String, reason: String) -> TCPTransportError {
        TCPTransportError(operation: operation, address: describedAddress, reason: reason)
    }
}

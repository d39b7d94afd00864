import FramedJSON
import Synchronization

/// An RPC server: services and interceptors behind any number of transports.
///
/// ```swift
/// let server = RPCServer(services: [GreeterService(), DiscoveryService(document: openRPC)])
/// let transport = TCPServerTransport(config: .init(host: "0.0.0.0", port: 7420))
/// async let serving: Void = server.serve(on: transport)
/// // on SIGTERM:
/// server.beginGracefulShutdown()
/// try await serving
/// ```
///
/// `Health.Check` / `Health.Watch` are registered on `health` unless the config says not to.
public final class RPCServer: Sendable {
    /// The limits and timings in force.
    public let config: RPCServerConfig
    /// The server's health registry: every registered service starts SERVING.
    public let health: RPCHealth
    let core: RPCServerCore
    private let shutdown = RPCShutdownSignal()

    private struct State {
        var connections: [ObjectIdentifier: RPCServerConnection] = [:]
        var transports: [any RPCServerTransport] = []
        var draining = false
    }
    private let state = Mutex(State())
    private let connectionIDs = Atomic<UInt64>(0)

    /// Creates a server.
    /// - Parameters:
    ///   - services: the services whose methods it serves.
    ///   - interceptors: run around every handler, first = outermost.
    ///   - config: limits and timings (WIRE.md defaults). With `connectionRateLimit` set, a
    ///     per-connection rate limit runs outside every interceptor given here.
    public init(
        services: [any RPCService], interceptors: [any RPCServerInterceptor] = [],
        config: RPCServerConfig = RPCServerConfig()
    ) {
        let health = RPCHealth()
        var router = RPCRouter()
        if config.registersHealthService { router.register(HealthService(health: health)) }
        for service in Self.listingSelfDescribed(services) { router.register(service) }
        // WIRE.md §14.1: services are the prefixes of the methods rpc.discover lists, `rpc` aside.
        for descriptor in router.descriptors
        where descriptor.serviceName != "rpc" && health.status(of: String(descriptor.serviceName)) == nil {
            health.setStatus(.serving, for: String(descriptor.serviceName))
        }
        self.config = config
        self.health = health
        var chain = interceptors
        if let limit = config.connectionRateLimit {
            chain.insert(RPCConnectionRateLimitInterceptor(limit: limit), at: 0)
        }
        self.core = RPCServerCore(config: config, router: router, interceptors: chain)
    }

    /// `services` with every `DiscoveryService` also listing the methods the other services
    /// describe themselves (`RPCService.openRPCMethods`): `rpc.discover` describes what is
    /// served (WIRE.md §14.2).
    static func listingSelfDescribed(_ services: [any RPCService]) -> [any RPCService] {
        let described = services.flatMap { $0 is DiscoveryService ? [] : $0.openRPCMethods }
        guard !described.isEmpty else { return services }
        return services.map { service in
            guard let discovery = service as? DiscoveryService else { return service }
            return discovery.adding(methods: described)
        }
    }

    /// The descriptors of every method served, sorted by name.
    public var methods: [RPCMethodDescriptor] {
        core.methods.values.map(\.descriptor).sorted { $0.name < $1.name }
    }

    /// The number of open connections.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// Creates the runtime side of one new connection. Transports call this for every
    /// connection they accept (`serve(on:)` does it for you).
    public func makeConnection(outbound: any RPCConnectionOutbound, peer: String) -> any RPCConnectionInbound {
        var observation: RPCConnectionObservation?
        if let observer = config.observer {
            let id = connectionIDs.add(1, ordering: .relaxed).newValue
            let info = RPCConnectionInfo(id: id, peer: peer, openedAt: .now)
            observation = RPCConnectionObservation(info: info, observer: observer)
            observer.connectionOpened(info)
        }
        let written: any RPCConnectionOutbound =
            if let observation, observation.observesFrames {
                RPCFrameObservingOutbound(outbound, observation: observation)
            } else {
                outbound
            }
        let connection = RPCServerConnection(core: core, outbound: written, peer: peer, observation: observation) {
            [weak self] closed in
            _ = self?.state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(closed)) }
        }
        let draining = state.withLock { s in
            s.connections[ObjectIdentifier(connection)] = connection
            return s.draining
        }
        if draining { connection.beginDrain(goaway: goawayFrame()) }
        return connection
    }

    /// Serves on `transport` until the server has shut down: after `beginGracefulShutdown()`
    /// the transport stops listening, in-flight calls get `drainGrace` to finish, the rest are
    /// ended with UNAVAILABLE, connections close, and this returns.
    /// - Throws: what the transport's `serve` throws (address in use, ...).
    public func serve(on transport: any RPCServerTransport) async throws {
        let alreadyDraining = state.withLock { s in
            s.transports.append(transport)
            return s.draining
        }
        if alreadyDraining { transport.stopListening() }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await transport.serve { outbound, peer in self.makeConnection(outbound: outbound, peer: peer) }
                return true
            }
            group.addTask {
                await self.shutdown.wait()
                guard !Task.isCancelled else { return false }
                do { try await Task.sleep(for: self.config.drainGrace) } catch { return false }
                self.forceCloseAll()
                return false
            }
            while let transportDone = try await group.next() {
                if transportDone { group.cancelAll() }
            }
        }
    }

    /// Starts a graceful shutdown: health turns NOT_SERVING, transports stop listening, every
    /// connection gets `$/goaway` and answers new calls with UNAVAILABLE ("server is
    /// draining"), in-flight calls get `drainGrace` to finish. Idempotent.
    public func beginGracefulShutdown() {
        let (connections, transports): ([RPCServerConnection], [any RPCServerTransport]) = state.withLock { s in
            guard !s.draining else { return ([], []) }
            s.draining = true
            return (Array(s.connections.values), s.transports)
        }
        health.beginDrain()
        for transport in transports { transport.stopListening() }
        let goaway = goawayFrame()
        for connection in connections { connection.beginDrain(goaway: goaway) }
        shutdown.fire()
    }

    /// Ends every call still running with UNAVAILABLE and closes every connection (the second
    /// step of shutdown, after `drainGrace`).
    public func forceCloseAll() {
        let connections = state.withLock { Array($0.connections.values) }
        for connection in connections { connection.forceClose() }
    }

    private func goawayFrame() -> [UInt8] {
        let ms = config.drainGrace.components
        let graceMs = ms.seconds * 1000 + ms.attoseconds / 1_000_000_000_000_000
        return RPCEnvelopeEncoder.goawayFrame(reason: "server shutting down", graceMs: graceMs)
    }
}

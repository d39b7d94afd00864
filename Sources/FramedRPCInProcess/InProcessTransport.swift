public import FramedRPC

/// A server transport and a client transport connected in memory, for tests.
///
/// Bytes still go through framing (`FrameDecoder`) and the full envelope code, and the
/// backpressure semantics match a socket's: `bufferedBytes` counts bytes not yet delivered,
/// `waitUntilWritable` waits for the low-water mark, `setReading(false)` stops delivery.
///
/// ```swift
/// let transport = InProcessTransport()
/// let server = RPCServer(services: [GreeterService()])   // see RPCService
/// async let serving: Void = server.serve(on: transport.server)
/// let client = RPCClient(transport: transport.client)
/// let reply = try await client.unary("Greeter.Hello", params: ["name": "Ada"] as JSONValue)
/// ```
public struct InProcessTransport: Sendable {
    /// The transport's settings.
    public struct Config: Sendable {
        /// Largest frame payload either side accepts.
        public var maxFrameBytes: Int = 4 << 20
        /// `waitUntilWritable` returns once fewer bytes than this are queued.
        public var lowWaterBytes: Int = 256 << 10
        /// How long a connect made before the server first listens waits for it. An
        /// in-process server starts listening on a task of its own, which a busy test run may
        /// start late; a server that stopped listening refuses at once.
        public var startupWait: Duration = .seconds(15)
        /// The defaults.
        public init() {}
    }

    /// The listening side: hand it to `RPCServer.serve(on:)`.
    public let server: InProcessServerTransport
    /// The connecting side: hand it to `RPCClient`.
    public let client: InProcessClientTransport

    /// Creates a connected pair.
    public init(config: Config = Config()) {
        server = InProcessServerTransport(config: config)
        client = InProcessClientTransport(server: server)
    }
}

/// The client half of an `InProcessTransport`.
public struct InProcessClientTransport: RPCClientTransport {
    /// The server half it connects to.
    public let server: InProcessServerTransport

    /// Opens a connection to `server`, waiting up to `Config.startupWait` for a server that
    /// has not listened yet.
    /// - Throws: `RPCError` UNAVAILABLE when the server is not serving.
    public func connect(inbound: any RPCConnectionInbound) async throws -> any RPCConnectionOutbound {
        let deadline = ContinuousClock.now + server.config.startupWait
        while server.awaitsFirstServe && ContinuousClock.now < deadline && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(2))
        }
        return try server.connect(inbound: inbound)
    }
}

import CEpoll
public import FramedRPC
import Glibc

/// Opens TCP connections to one server, on the loops of an `EventLoopGroup` (by default the
/// process-wide `EventLoopGroup.sharedClient`).
///
/// ```swift
/// let transport = TCPClientTransport(host: "127.0.0.1", port: 7420)
/// let outbound = try await transport.connect(inbound: clientConnection)
/// outbound.write(Frame.encode(Array(#"{"jsonrpc":"2.0","method":"$/ping","id":1}"#.utf8)))
/// ```
///
/// With `config.tls` set, every connection is TLS: `connect` returns once the handshake has
/// finished, having verified the server's certificate against the trusted CAs and its name.
public struct TCPClientTransport: RPCClientTransport {
    /// The server's address, timeouts and per-connection limits.
    public struct Config: Sendable {
        /// Server host name or address.
        public var host: String
        /// Server port.
        public var port: Int
        /// How long a connect may take (default 10 s).
        public var connectTimeout: Duration
        /// Largest frame payload accepted from the server (default 4 MiB).
        public var maxFrameBytes: Int
        /// Close after this long with no bytes either way and no call in flight
        /// (default nil: the client runtime decides when to close).
        public var idleTimeout: Duration?
        /// A started frame must finish arriving within this (default 30 s).
        public var frameTimeout: Duration?
        /// Producers pause while more than this is queued (default 1 MiB).
        public var highWater: Int
        /// `waitUntilWritable()` resumes below this (default 256 KiB).
        public var lowWater: Int
        /// More than this queued closes the connection (default 64 MiB).
        public var maxBufferedOutboundBytes: Int
        /// TLS settings (role `.client`); nil speaks plaintext TCP (default).
        public var tls: TLSConfiguration?

        /// Creates a configuration with the protocol's defaults.
        public init(
            host: String, port: Int, connectTimeout: Duration = .seconds(10), maxFrameBytes: Int = 4 << 20,
            idleTimeout: Duration? = nil, frameTimeout: Duration? = .seconds(30), highWater: Int = 1 << 20,
            lowWater: Int = 256 << 10, maxBufferedOutboundBytes: Int = 64 << 20, tls: TLSConfiguration? = nil
        ) {
            self.host = host
            self.port = port
            self.connectTimeout = connectTimeout
            self.maxFrameBytes = maxFrameBytes
            self.idleTimeout = idleTimeout
            self.frameTimeout = frameTimeout
            self.highWater = highWater
            self.lowWater = lowWater
            self.maxBufferedOutboundBytes = maxBufferedOutboundBytes
            self.tls = tls
        }

        var limits: TCPConnectionLimits {
            TCPConnectionLimits(
                maxFrameBytes: maxFrameBytes,
                idleTimeoutNanos: idleTimeout.map(EventLoop.nanoseconds),
                frameTimeoutNanos: frameTimeout.map(EventLoop.nanoseconds),
                lowWater: lowWater, highWater: highWater,
                maxBufferedOutboundBytes: maxBufferedOutboundBytes)
        }
    }

    /// The configuration.
    public let config: Config
    /// The loops connections run on.
    public let group: EventLoopGroup
    /// The loaded TLS context, or why it could not be loaded (nil without TLS).
    private let tlsContext: Result<TLSContext, TLSError>?

    /// A transport for `host:port` with default limits.
    public init(
        host: String, port: Int, connectTimeout: Duration = .seconds(10),
        group: EventLoopGroup = .sharedClient
    ) {
        self.init(config: Config(host: host, port: port, connectTimeout: connectTimeout), group: group)
    }

    /// A transport with a full configuration.
    public init(config: Config, group: EventLoopGroup = .sharedClient) {
        self.config = config
        self.group = group
        self.tlsContext = config.tls.map { tls in
            Result { () throws(TLSError) -> TLSContext in
                var tls = tls
                tls.role = .client
                return try TLSContext(configuration: tls)
            }
        }
    }

    /// Throws the TLS configuration's problem, if it has one (a missing or unreadable file, a
    /// key not matching its certificate), so a tool can report it before connecting.
    public func checkTLSConfiguration() throws(TLSError) {
        if case .failure(let error)? = tlsContext { throw error }
    }

    /// Opens one connection whose frames go to `inbound`.
    /// - Throws: `RPCError` `.unavailable` ("cannot connect to host:port: <reason>") when the
    ///   server cannot be reached within `connectTimeout` or the TLS handshake fails (the
    ///   reason names the certificate problem); `.failedPrecondition` when the TLS
    ///   configuration cannot be loaded; `.cancelled` when the task is cancelled while
    ///   connecting.
    public func connect(inbound: any RPCConnectionInbound) async throws -> any RPCConnectionOutbound {
        try await openConnection(inbound: inbound)
    }

    /// `connect(inbound:)` returning the concrete connection (its loop, peer, high-water).
    public func openConnection(inbound: any RPCConnectionInbound) async throws -> TCPConnection {
        let target = "\(config.host):\(config.port)"
        func unavailable(_ reason: String) -> RPCError {
            RPCError(code: .unavailable, message: "cannot connect to \(target): \(reason)")
        }
        let tls: TLSContext?
        switch tlsContext {
        case .failure(let error)?:
            throw RPCError(
                code: .failedPrecondition, message: "cannot connect to \(target): TLS configuration: \(error)")
        case .success(let context)?:
            tls = context
        case nil:
            tls = nil
        }
        if Task.isCancelled {
            throw RPCError(code: .cancelled, message: "cannot connect to \(target): the connecting task was cancelled")
        }
        let address: SocketAddress
        do {
            address = try SocketAddress.resolve(host: config.host, port: config.port, passive: false)
        } catch let error as TCPTransportError {
            throw unavailable(error.reason)
        }
        var storage = address.storage
        var inProgress: Int32 = 0
        let fd = cepoll_connect(&storage, address.length, &inProgress)
        guard fd >= 0 else { throw unavailable(String(cString: strerror(-fd))) }
        let loop = group.next()
        let attempt = TCPConnectAttempt(
            fd: fd, inProgress: inProgress != 0, loop: loop, target: target, limits: config.limits,
            timeoutNanos: EventLoop.nanoseconds(config.connectTimeout), inbound: inbound,
            tls: tls.map { ($0, config.tls?.serverName ?? config.host) })
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if !loop.execute({ attempt.start(continuation) }) {
                    Glibc.close(fd)
                    continuation.resume(throwing: unavailable("the event loop is shut down"))
                }
            }
        } onCancel: {
            loop.execute { attempt.cancel() }
        }
    }
}

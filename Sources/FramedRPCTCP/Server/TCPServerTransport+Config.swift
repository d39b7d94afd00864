extension TCPServerTransport {
    /// Where to listen and the per-connection limits (WIRE.md "Limits"). Every value has the
    /// protocol's default.
    public struct Config: Sendable {
        /// Address to bind: "127.0.0.1", "0.0.0.0", "::", or a host name.
        public var host: String
        /// Port to bind; 0 picks a free one (read it back with `boundAddress()`).
        public var port: Int
        /// Event loop threads when the transport creates its own group.
        public var loopCount: Int
        /// Largest frame payload accepted, in bytes (default 4 MiB).
        public var maxFrameBytes: Int
        /// No bytes either way for this long and no call in flight closes the connection
        /// (default 300 s; nil = never).
        public var idleTimeout: Duration?
        /// A started frame must finish arriving within this, else the connection closes
        /// (default 30 s; nil = never).
        public var frameTimeout: Duration?
        /// Producers pause while more than this is queued on a connection (default 1 MiB).
        public var highWater: Int
        /// `waitUntilWritable()` resumes below this (default 256 KiB).
        public var lowWater: Int
        /// More than this queued on one connection closes it: the peer is not reading
        /// (default 64 MiB).
        public var maxBufferedOutboundBytes: Int
        /// Most bytes all connections together may hold queued for their peers (default
        /// 128 MiB). Past it, a connection whose peer is not keeping up (its socket full, at
        /// least `highWater` queued) is closed when it queues more.
        public var maxServerOutboundBytes: Int
        /// A peer that reads none of the bytes waiting for it for this long is not reading at
        /// all: the connection is closed without a flush (default 20 s; nil = never).
        public var outboundStallTimeout: Duration?
        /// The listen backlog (default 1024).
        public var backlog: Int
        /// TLS on every accepted connection (role `.server`: certificate chain, key, and for
        /// mutual TLS the client CAs); nil serves plaintext TCP (default). The files are read
        /// when the transport is created; a problem with them fails `listen()`.
        public var tls: TLSConfiguration?

        /// Creates a configuration; every parameter defaults to the protocol's value.
        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            loopCount: Int = EventLoopGroup.coreCount,
            maxFrameBytes: Int = 4 << 20,
            idleTimeout: Duration? = .seconds(300),
            frameTimeout: Duration? = .seconds(30),
            highWater: Int = 1 << 20,
            lowWater: Int = 256 << 10,
            maxBufferedOutboundBytes: Int = 64 << 20,
            maxServerOutboundBytes: Int = 128 << 20,
            outboundStallTimeout: Duration? = .seconds(20),
            backlog: Int = 1024,
            tls: TLSConfiguration? = nil
        ) {
            self.host = host
            self.port = port
            self.loopCount = loopCount
            self.maxFrameBytes = maxFrameBytes
            self.idleTimeout = idleTimeout
            self.frameTimeout = frameTimeout
            self.highWater = highWater
            self.lowWater = lowWater
            self.maxBufferedOutboundBytes = maxBufferedOutboundBytes
            self.maxServerOutboundBytes = maxServerOutboundBytes
            self.outboundStallTimeout = outboundStallTimeout
            self.backlog = backlog
            self.tls = tls
        }

        var limits: TCPConnectionLimits {
            TCPConnectionLimits(
                maxFrameBytes: maxFrameBytes,
                idleTimeoutNanos: idleTimeout.map(EventLoop.nanoseconds),
                frameTimeoutNanos: frameTimeout.map(EventLoop.nanoseconds),
                lowWater: lowWater,
                highWater: highWater,
                maxBufferedOutboundBytes: maxBufferedOutboundBytes,
                writeStallNanos: outboundStallTimeout.map(EventLoop.nanoseconds))
        }

        /// The TLS context for `tls`, or the listen failure explaining why it cannot be loaded.
        func loadTLS() -> Result<TLSContext, TCPTransportError>? {
            guard var tls else { return nil }
            tls.role = .server
            do {
                return .success(try TLSContext(configuration: tls))
            } catch {
                return .failure(
                    TCPTransportError(operation: "listen on", address: "\(host):\(port)", reason: "TLS: \(error)"))
            }
        }
    }
}

extension TCPConnection {
    /// Gives an accepted connection its TLS session (before `start`); false when OpenSSL
    /// cannot make one, and the socket should be closed.
    func attachTLS(_ context: Result<TLSContext, TCPTransportError>?) -> Bool {
        guard case .success(let context)? = context else { return true }
        guard let session = try? context.makeSession() else { return false }
        tls = session
        return true
    }
}

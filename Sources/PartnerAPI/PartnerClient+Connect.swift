/// Opening and closing a `PartnerClient` the way the README does.
extension PartnerClient {
    /// How `connect(to:token:)` connects: TLS, timeouts, keepalive, retries.
    public struct Options: Sendable {
        /// TLS settings (`TLSConfiguration.client(trustedCAPath:)`); nil speaks plaintext.
        public var tls: TLSConfiguration?
        /// How long one connect (and TLS handshake) may take.
        public var connectTimeout: Duration = .seconds(10)
        /// The runtime client's settings; `authorization` is set from the token.
        /// Keepalive defaults to a `$/ping` after 30 s of quiet, answered within 10 s.
        public var client: RPCClientConfig
        /// When a failed call is sent again (only when safe: idempotent method or idempotency
        /// key; on another endpoint when its own is down).
        public var retry: PartnerCaller.RetryPolicy = .init()

        /// Default options.
        public init(tls: TLSConfiguration? = nil) {
            self.tls = tls
            var client = RPCClientConfig()
            client.keepaliveInterval = .seconds(30)
            client.keepaliveTimeout = .seconds(10)
            self.client = client
        }
    }

    /// Connects to a PartnerConsole server, or to the first healthy of several replicas.
    ///
    /// ```swift
    /// let client = try await PartnerClient.connect(to: "10.0.0.1:7420,10.0.0.2:7420", token: token)
    /// defer { Task { await client.close() } }   // or use withPartnerClient
    /// ```
    /// - Parameters:
    ///   - targets: `host:port`, or several separated by commas (pick-first failover, see
    ///     `RPCClient`).
    ///   - token: the API token, sent as `Bearer <token>` with every call; nil for calls that
    ///     need none (Health.Check, rpc.discover, Invitations.Accept).
    ///   - options: TLS, timeouts, keepalive, retries.
    /// - Throws: INVALID_ARGUMENT for a malformed target; UNAVAILABLE when no endpoint can be
    ///   reached; FAILED_PRECONDITION when the TLS files cannot be loaded.
    public static func connect(to targets: String, token: String?, options: Options = Options()) async throws(RPCError)
        -> PartnerClient
    {
        let client = try make(targets: targets, token: token, options: options)
        do {
            try await client.caller.rpc.connect()
        } catch {
            await client.close()
            throw error
        }
        return client
    }

    /// A client that connects on its first call (as `connect(to:token:)`, without waiting).
    /// - Throws: INVALID_ARGUMENT for a malformed target.
    public static func make(targets: String, token: String?, options: Options = Options()) throws(RPCError)
        -> PartnerClient
    {
        let transports = try TCPEndpoint.list(targets).map { endpoint in
            TCPClientTransport(
                config: .init(
                    host: endpoint.host, port: endpoint.port, connectTimeout: options.connectTimeout, tls: options.tls))
        }
        var config = options.client
        if let token { config.authorization = "Bearer \(token)" }
        return PartnerClient(rpc: RPCClient(transports: transports, config: config), retry: options.retry)
    }

    /// Closes the connection; calls still waiting fail with UNAVAILABLE.
    public func close() async {
        await caller.rpc.close()
    }
}

/// Connects, runs `body` with the client, and closes the client however `body` ends.
///
/// ```swift
/// let count = try await withPartnerClient(to: "127.0.0.1:7420", token: token) { client in
///     try await client.customers.list(.init(pageSize: 10)).items.count
/// }
/// ```
/// - Throws: what `connect(to:token:options:)` or `body` throws.
public func withPartnerClient<Result: Sendable>(
    to targets: String, token: String?, options: PartnerClient.Options = .init(),
    isolation: isolated (any Actor)? = #isolation,
    _ body: (PartnerClient) async throws -> Result
) async throws -> Result {
    let client = try await PartnerClient.connect(to: targets, token: token, options: options)
    do {
        let result = try await body(client)
        await client.close()
        return result
    } catch {
        await client.close()
        throw error
    }
}

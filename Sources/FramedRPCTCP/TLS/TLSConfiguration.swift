/// What a TLS endpoint presents and what it trusts: the files of a server (certificate chain,
/// private key, and for mutual TLS the CAs its clients' certificates must chain to) or of a
/// client (the CAs the server's certificate must chain to, the name it must carry, and for
/// mutual TLS the client's own certificate and key). Every file is PEM. The files are read
/// once, when a `TLSContext` is made from the configuration.
///
/// ```swift
/// var server = TLSConfiguration.server(certificateChainPath: "server.pem", privateKeyPath: "server.key")
/// server.onHandshakeFailure = { peer, reason in log("tls.handshake_failed", peer, reason) }
/// let transport = TCPServerTransport(config: .init(port: 7420, tls: server))
///
/// let client = TLSConfiguration.client(trustedCAPath: "ca.pem")   // verifies the host name too
/// let clientTransport = TCPClientTransport(config: .init(host: "localhost", port: 7420, tls: client))
/// ```
public struct TLSConfiguration: Sendable {
    /// Which end of the handshake this configuration is for.
    public enum Role: Sendable, Equatable {
        /// Accepts handshakes; must have a certificate chain and a private key.
        case server
        /// Starts handshakes and verifies the server's certificate and name.
        case client
    }

    /// The lowest protocol version accepted.
    public enum Version: Sendable, Equatable {
        /// TLS 1.2 and 1.3 (the default).
        case tls12
        /// TLS 1.3 only.
        case tls13
    }

    /// Server or client.
    public var role: Role
    /// PEM file with this end's certificate first, then any intermediates. Required for a
    /// server; for a client, the certificate it presents for mutual TLS (optional).
    public var certificateChainPath: String?
    /// PEM file with the private key of `certificateChainPath`'s first certificate.
    public var privateKeyPath: String?
    /// Server only: when set, every client must present a certificate that chains to a CA in
    /// this PEM file (mutual TLS); a client without one, or with another, is refused.
    public var clientCAPath: String?
    /// Client only: the CAs (PEM) the server's certificate must chain to; nil uses the
    /// system's trust store.
    public var trustedCAPath: String?
    /// Client only: the name the server's certificate must carry (DNS name or IP address in
    /// its subject alternative names), also sent as SNI when it is a DNS name. Nil uses the
    /// host the transport connects to.
    public var serverName: String?
    /// The lowest protocol version accepted (default TLS 1.2).
    public var minimumVersion: Version
    /// A handshake not finished within this closes the connection (default 10 s).
    public var handshakeTimeout: Duration
    /// Called on the connection's event loop thread when a connection ends before its
    /// handshake finished: the peer ("ip:port") and the reason in plain words (for example
    /// "TLS handshake failed: wrong version number (the peer does not speak TLS)"). Keep it
    /// quick: it runs on the event loop.
    public var onHandshakeFailure: (@Sendable (_ peer: String, _ reason: String) -> Void)?

    /// Creates a configuration; prefer `server(...)` and `client(...)`.
    public init(
        role: Role, certificateChainPath: String? = nil, privateKeyPath: String? = nil, clientCAPath: String? = nil,
        trustedCAPath: String? = nil, serverName: String? = nil, minimumVersion: Version = .tls12,
        handshakeTimeout: Duration = .seconds(10)
    ) {
        self.role = role
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.clientCAPath = clientCAPath
        self.trustedCAPath = trustedCAPath
        self.serverName = serverName
        self.minimumVersion = minimumVersion
        self.handshakeTimeout = handshakeTimeout
    }

    /// A server configuration.
    /// - Parameters:
    ///   - certificateChainPath: PEM certificate chain, the server's certificate first.
    ///   - privateKeyPath: PEM private key of that certificate.
    ///   - clientCAPath: when given, clients must present a certificate chaining to these CAs.
    public static func server(
        certificateChainPath: String, privateKeyPath: String, clientCAPath: String? = nil
    ) -> TLSConfiguration {
        TLSConfiguration(
            role: .server, certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath,
            clientCAPath: clientCAPath)
    }

    /// A client configuration.
    /// - Parameters:
    ///   - trustedCAPath: PEM CAs the server's certificate must chain to (nil: system store).
    ///   - serverName: the name to verify (nil: the host connected to).
    ///   - certificateChainPath: the client's certificate, for servers requiring mutual TLS.
    ///   - privateKeyPath: the key of that certificate.
    public static func client(
        trustedCAPath: String?, serverName: String? = nil, certificateChainPath: String? = nil,
        privateKeyPath: String? = nil
    ) -> TLSConfiguration {
        TLSConfiguration(
            role: .client, certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath,
            trustedCAPath: trustedCAPath, serverName: serverName)
    }
}

internal import COpenSSL
import Glibc

/// A loaded `TLSConfiguration`: OpenSSL's `SSL_CTX` with the certificates, key, trust and
/// protocol settings in place. Made once per transport; each connection gets a `TLSSession`
/// from it. Safe to share across threads once made.
///
/// ```swift
/// let context = try TLSContext(configuration: .server(certificateChainPath: "s.pem", privateKeyPath: "s.key"))
/// let session = try context.makeSession()
/// ```
public final class TLSContext: @unchecked Sendable {
    /// The configuration the context was made from.
    public let configuration: TLSConfiguration
    let handle: OpaquePointer

    /// Loads `configuration`'s files and settings.
    /// - Throws: `TLSError` `.configuration`, naming the field, when a file is missing or is
    ///   not PEM of the expected kind, the private key does not match the certificate, or a
    ///   server has no certificate or key.
    public init(configuration: TLSConfiguration) throws(TLSError) {
        guard let handle = SSL_CTX_new(TLS_method()) else {
            throw TLSError(code: .configuration, message: "cannot create a TLS context: \(Self.takeErrors())")
        }
        self.handle = handle
        self.configuration = configuration
        // From here `deinit` frees the context if a step below throws.
        try configure()
    }

    deinit {
        SSL_CTX_free(handle)
    }

    /// A new session for one connection: a server session waits for the client's hello; a
    /// client session verifies the server's certificate against `serverName` (default:
    /// the configuration's `serverName`).
    /// - Throws: `TLSError` `.configuration` when the name cannot be set or OpenSSL cannot
    ///   create the session.
    public func makeSession(serverName: String? = nil) throws(TLSError) -> TLSSession {
        try TLSSession(context: self, serverName: serverName ?? configuration.serverName)
    }

    // MARK: Set-up

    private func configure() throws(TLSError) {
        let config = configuration
        let minimum = config.minimumVersion == .tls13 ? copenssl_tls1_3_version() : copenssl_tls1_2_version()
        guard copenssl_CTX_set_min_proto_version(handle, minimum) == 1 else {
            throw TLSError(code: .configuration, message: "cannot set the minimum TLS version: \(Self.takeErrors())")
        }
        _ = copenssl_CTX_set_options(handle, copenssl_options_defaults())
        _ = copenssl_CTX_set_mode(handle, copenssl_mode_defaults())

        switch config.role {
        case .server:
            guard let chain = config.certificateChainPath else {
                throw TLSError(
                    code: .configuration, message: "a TLS server needs a certificate chain (PEM)",
                    field: "certificateChainPath")
            }
            guard let key = config.privateKeyPath else {
                throw TLSError(
                    code: .configuration, message: "a TLS server needs a private key (PEM)", field: "privateKeyPath")
            }
            try loadIdentity(chain: chain, key: key)
            if let clientCA = config.clientCAPath {
                try requireReadable(clientCA, field: "clientCAPath")
                guard SSL_CTX_load_verify_locations(handle, clientCA, nil) == 1 else {
                    throw fileError(clientCA, "holds no usable CA certificate", field: "clientCAPath")
                }
                guard let names = SSL_load_client_CA_file(clientCA) else {
                    throw fileError(clientCA, "holds no CA certificate names", field: "clientCAPath")
                }
                SSL_CTX_set_client_CA_list(handle, names)
                SSL_CTX_set_verify(handle, copenssl_verify_require_peer(), nil)
            }
        case .client:
            switch (config.certificateChainPath, config.privateKeyPath) {
            case (let chain?, let key?):
                try loadIdentity(chain: chain, key: key)
            case (nil, nil):
                break
            case (nil, _?):
                throw TLSError(
                    code: .configuration, message: "a client private key was given without its certificate",
                    field: "certificateChainPath")
            case (_?, nil):
                throw TLSError(
                    code: .configuration, message: "a client certificate was given without its private key",
                    field: "privateKeyPath")
            }
            if let trusted = config.trustedCAPath {
                try requireReadable(trusted, field: "trustedCAPath")
                guard SSL_CTX_load_verify_locations(handle, trusted, nil) == 1 else {
                    throw fileError(trusted, "holds no usable CA certificate", field: "trustedCAPath")
                }
            } else if SSL_CTX_set_default_verify_paths(handle) != 1 {
                throw TLSError(
                    code: .configuration, message: "cannot load the system's trusted CAs: \(Self.takeErrors())",
                    field: "trustedCAPath")
            }
            SSL_CTX_set_verify(handle, copenssl_verify_peer(), nil)
        }
    }

    private func loadIdentity(chain: String, key: String) throws(TLSError) {
        try requireReadable(chain, field: "certificateChainPath")
        try requireReadable(key, field: "privateKeyPath")
        guard SSL_CTX_use_certificate_chain_file(handle, chain) == 1 else {
            throw fileError(chain, "is not a PEM certificate chain", field: "certificateChainPath")
        }
        guard SSL_CTX_use_PrivateKey_file(handle, key, copenssl_filetype_pem()) == 1 else {
            let reasons = Self.takeErrors()
            let what =
                reasons.contains("mismatch") ? "does not match the certificate in \(chain)" : "is not a PEM private key"
            throw TLSError(code: .configuration, message: "\(key) \(what) (\(reasons))", field: "privateKeyPath")
        }
        guard SSL_CTX_check_private_key(handle) == 1 else {
            throw fileError(key, "does not match the certificate in \(chain)", field: "privateKeyPath")
        }
    }

    private func requireReadable(_ path: String, field: String) throws(TLSError) {
        guard access(path, R_OK) == 0 else {
            let reason = String(cString: strerror(errno))
            throw TLSError(code: .configuration, message: "cannot read \(path): \(reason)", field: field)
        }
    }

    private func fileError(_ path: String, _ what: String, field: String) -> TLSError {
        TLSError(code: .configuration, message: "\(path) \(what) (\(Self.takeErrors()))", field: field)
    }

    /// Empties this thread's OpenSSL error queue into one line ("" when empty).
    static func takeErrors() -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if let reason = ERR_reason_error_string(code) {
                let text = String(cString: reason)
                if !reasons.contains(text) { reasons.append(text) }
            } else {
                var buffer = [CChar](repeating: 0, count: 256)
                ERR_error_string_n(code, &buffer, buffer.count)
                reasons.append(buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
            }
        }
        return reasons.isEmpty ? "no detail from OpenSSL" : reasons.joined(separator: "; ")
    }
}

/// A TLS failure: what went wrong (`code`), in plain words (`message`), and for a
/// configuration error the field naming the offending file.
public struct TLSError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. New kinds may be added; match with `==`, not an exhaustive switch.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case configuration, handshake, session
        }
        private let value: Value

        /// A file of the configuration is missing, unreadable or does not fit (key not matching
        /// the certificate, a client configuration used for a server...).
        public static let configuration = Code(value: .configuration)
        /// The handshake failed: the peer does not speak TLS, a certificate was not trusted or
        /// did not match the name, no common version or cipher, or a client certificate was
        /// required and missing.
        public static let handshake = Code(value: .handshake)
        /// An established session broke: a record failed to decrypt, or the peer sent an alert.
        public static let session = Code(value: .session)

        /// The code's name: `configuration`, `handshake` or `session`.
        public var description: String {
            switch value {
            case .configuration: "configuration"
            case .handshake: "handshake"
            case .session: "session"
            }
        }
    }

    /// The kind of failure.
    public var code: Code
    /// What was wrong, in plain words, with OpenSSL's reason.
    public var message: String
    /// The configuration field at fault (for example "privateKeyPath"), when there is one.
    public var field: String?

    /// Creates an error.
    public init(code: Code, message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The message, prefixed by the field when there is one.
    public var description: String {
        if let field { return "\(field): \(message)" }
        return message
    }
}

import Glibc

/// A socket set-up failure: which operation, on which address, and the system's reason.
public struct TCPTransportError: Error, Sendable, CustomStringConvertible {
    /// What was being done: "listen", "resolve", "connect".
    public var operation: String
    /// The address involved, "host:port".
    public var address: String
    /// The system's description of the failure.
    public var reason: String
    /// The errno value, when the failure came from a system call.
    public var errno: Int32?

    /// Creates an error.
    public init(operation: String, address: String, reason: String, errno: Int32? = nil) {
        self.operation = operation
        self.address = address
        self.reason = reason
        self.errno = errno
    }

    init(operation: String, address: String, errno code: Int32) {
        self.init(operation: operation, address: address, reason: String(cString: strerror(code)), errno: code)
    }

    /// "cannot listen on 127.0.0.1:7420: Address already in use".
    public var description: String { "cannot \(operation) \(address): \(reason)" }
}

import Testing

/// How the end-to-end tests reach the server: every flow test runs once per mode.
enum TransportMode: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// The in-process transport: frames and envelopes, no sockets.
    case inProcess
    /// Loopback TCP on a port the kernel picks.
    case tcp

    var testDescription: String {
        switch self {
        case .inProcess: "in-process"
        case .tcp: "loopback TCP"
        }
    }
}

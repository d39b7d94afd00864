import FramedRPC

/// partnerctl's exit codes, grpcurl's convention: scripts can tell the statuses apart.
///
/// | code    | meaning                                                                     |
/// |---------|-----------------------------------------------------------------------------|
/// | 0       | success                                                                     |
/// | 1       | transport failure: server unreachable, connection lost, UNAVAILABLE          |
/// | 2       | the command line cannot be understood (usage error)                         |
/// | 3       | a local failure: a file cannot be read or written, a service not SERVING    |
/// | 64 + N  | the server answered status N (65 CANCELLED ... 69 NOT_FOUND ... 80 UNAUTHENTICATED) |
enum ExitCode {
    static let success: Int32 = 0
    static let transport: Int32 = 1
    static let usage: Int32 = 2
    static let local: Int32 = 3
    /// Added to the status number of a failed call.
    static let statusBase: Int32 = 64

    /// The exit code for a failed call.
    static func of(_ error: RPCError) -> Int32 {
        if error.code == .unavailable { return transport }
        return statusBase + Int32(error.code.rawValue)
    }

    /// The table as printed by `partnerctl --help`.
    static var table: String {
        var lines = [
            "EXIT CODES",
            "  0   success",
            "  1   transport failure: server unreachable, connection lost, UNAVAILABLE",
            "  2   the command line cannot be understood",
            "  3   a local failure (a file, a service not SERVING)",
        ]
        for code in RPCError.Code.allCases where code != .ok && code != .unavailable {
            lines.append("  \(statusBase + Int32(code.rawValue))  \(code.name)")
        }
        return lines.joined(separator: "\n")
    }
}

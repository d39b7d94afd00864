public import FramedRPC

/// A server address, `host:port` (IPv6 as `[::1]:7420`).
public struct TCPEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Host name or address.
    public var host: String
    /// Port.
    public var port: Int

    /// Creates an endpoint.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `host:port`.
    /// - Throws: INVALID_ARGUMENT naming what is wrong.
    public init(parsing text: String) throws(RPCError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else {
                throw RPCError(code: .invalidArgument, message: "address '\(text)' needs a port, e.g. [::1]:7420")
            }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw RPCError(code: .invalidArgument, message: "address '\(text)' needs a port, e.g. 127.0.0.1:7420")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = Int(portText), (0...65535).contains(port), !host.isEmpty else {
            throw RPCError(
                code: .invalidArgument, message: "address '\(text)' is not HOST:PORT with a port from 0 to 65535")
        }
        self.init(host: String(host), port: port)
    }

    /// Parses a comma-separated list, `a:7420,b:7420` (spaces around commas allowed).
    /// - Throws: INVALID_ARGUMENT for an empty list or a malformed address.
    public static func list(_ text: String) throws(RPCError) -> [TCPEndpoint] {
        let parts = text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw RPCError(code: .invalidArgument, message: "no address in '\(text)'") }
        var endpoints: [TCPEndpoint] = []
        for part in parts { endpoints.append(try TCPEndpoint(parsing: part)) }
        return endpoints
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

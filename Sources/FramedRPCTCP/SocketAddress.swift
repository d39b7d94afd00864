import CEpoll
import Glibc

/// A resolved socket address (IPv4 or IPv6) and helpers around it.
struct SocketAddress: @unchecked Sendable {
    var storage = sockaddr_storage()
    var length = socklen_t(0)

    /// Resolves `host` and `port`; numeric addresses never touch DNS.
    /// - Throws: `TCPTransportError` (operation "resolve").
    static func resolve(host: String, port: Int, passive: Bool) throws -> SocketAddress {
        var address = SocketAddress()
        let rc = cepoll_resolve(host, Int32(port), passive ? 1 : 0, &address.storage, &address.length)
        guard rc == 0 else {
            throw TCPTransportError(
                operation: "resolve", address: "\(host):\(port)",
                reason: String(cString: cepoll_gai_strerror(rc)))
        }
        return address
    }

    /// The local address of a bound socket.
    static func local(of fd: Int32) -> (host: String, port: Int)? {
        var host = [CChar](repeating: 0, count: 64)
        var port: Int32 = 0
        guard cepoll_local_address(fd, &host, host.count, &port) == 0 else { return nil }
        return (String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), Int(port))
    }

    /// The remote address of a connected socket, "ip:port".
    static func peer(of fd: Int32) -> String {
        var text = [CChar](repeating: 0, count: 64)
        guard cepoll_peer_address(fd, &text, text.count) == 0 else { return "unknown" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

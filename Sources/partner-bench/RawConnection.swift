#if canImport(Glibc)
    import Glibc
#endif

/// A plain blocking TCP socket speaking frames by hand, for the scenarios that must behave
/// unlike `RPCClient`: thousands of idle connections, or a peer that never reads.
struct RawConnection: Sendable {
    /// The socket.
    let fd: Int32

    /// Connects to `host:port` (IPv4 dotted quad), with a receive timeout of `timeout` seconds.
    /// - Throws: `BenchError` naming the failing system call.
    static func connect(host: String, port: Int, timeout: Int = 10) throws(BenchError) -> RawConnection {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            Glibc.close(fd)
            throw BenchError("raw connections need an IPv4 address, got '\(host)'")
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw BenchError("connect to \(host):\(port): \(reason)")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        return RawConnection(fd: fd)
    }

    /// `payload` with its 4-byte big-endian length in front.
    static func frame(_ payload: String) -> [UInt8] {
        let body = Array(payload.utf8)
        let n = UInt32(body.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + body
    }

    /// Writes all of `bytes` (blocking).
    /// - Throws: when the peer is gone.
    func send(_ bytes: [UInt8]) throws(BenchError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw BenchError("send: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Writes what fits without blocking; false when nothing could be written.
    func trySend(_ bytes: [UInt8]) -> Bool {
        let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        return n == bytes.count
    }

    /// Reads one whole frame's payload (blocking, within the receive timeout).
    /// - Throws: on timeout, a closed connection or an error.
    func readFrame() throws(BenchError) -> [UInt8] {
        let header = try read(4)
        let n = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        return try read(n)
    }

    private func read(_ count: Int) throws(BenchError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let n = bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + offset, count - offset, 0) }
            if n < 0 && errno == EINTR { continue }
            if n == 0 { throw BenchError("the server closed the connection") }
            guard n > 0 else { throw BenchError("recv: \(String(cString: strerror(errno)))") }
            offset += n
        }
        return bytes
    }

    /// Closes the socket.
    func close() { _ = Glibc.close(fd) }
}

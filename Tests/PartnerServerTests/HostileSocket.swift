import Foundation
import FramedJSON

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking loopback TCP socket speaking raw frames, every read bounded by a timeout.
/// Writes use `MSG_NOSIGNAL`: a peer that closed shows up as `false`, never as SIGPIPE.
final class HostileSocket: @unchecked Sendable {
    let fd: Int32
    private(set) var isClosed = false

    /// Connects to `127.0.0.1:port`.
    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HostileFailure("socket failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let message = String(cString: strerror(errno))
            Glibc.close(fd)
            throw HostileFailure("connect failed: \(message)")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    /// Closes the socket (once).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    /// Closes with a reset (SO_LINGER 0) instead of a FIN.
    func abort() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// Writes every byte; `false` when the peer has closed or reset the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    /// Sends one frame holding `json`.
    @discardableResult
    func sendFrame(_ json: String) -> Bool { send(Self.frame(json)) }

    /// `json` with its 4-byte length prefix.
    static func frame(_ json: String) -> [UInt8] { header(json.utf8.count) + Array(json.utf8) }

    /// A length prefix declaring `length` bytes.
    static func header(_ length: Int) -> [UInt8] {
        let n = UInt32(truncatingIfNeeded: length)
        return [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)]
    }

    /// Reads exactly `count` bytes; `nil` when the peer closed first.
    /// - Throws: when `deadline` passes first.
    func read(_ count: Int, until deadline: Date) throws -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw HostileFailure("no data within the timeout (\(filled) of \(count) bytes)") }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&pfd, 1, Int32(min(left * 1000, 1000)) + 1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let n = out.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + filled, count - filled, 0) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard n > 0 else { return nil }
            filled += n
        }
        return out
    }

    /// The next frame's payload; `nil` when the peer closed.
    func readFrame(timeout: Double = 10) throws -> [UInt8]? {
        let deadline = Date().addingTimeInterval(timeout)
        guard let header = try read(4, until: deadline) else { return nil }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        return try read(length, until: deadline)
    }

    /// The next frame parsed; `nil` when the peer closed.
    func readJSON(timeout: Double = 10) throws -> JSONValue? {
        guard let payload = try readFrame(timeout: timeout) else { return nil }
        return try JSONParser(maxDepth: 512).parse(payload)
    }

    /// Reads and discards until the peer closes; `true` when it did within `timeout` seconds.
    func waitForClose(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var sink = [UInt8](repeating: 0, count: 65_536)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&pfd, 1, Int32(min(left * 1000, 1000)) + 1)
            guard ready > 0 else { continue }
            let n = sink.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 { return true }
        }
    }

    /// Sends `$/ping` with `id` and waits for its answer; `true` when it came.
    func ping(id: Int = 1, timeout: Double = 10) -> Bool {
        guard sendFrame(#"{"jsonrpc":"2.0","id":\#(id),"method":"$/ping"}"#) else { return false }
        guard let answer = try? readJSON(timeout: timeout) else { return false }
        return answer["id"]?.intValue == Int64(id) && answer["error"] == nil
    }
}

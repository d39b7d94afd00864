import CEpoll
import Foundation
import FramedRPC
import Glibc

/// A plain TCP client socket for byte-exact tests. Every read takes a deadline. The blocking
/// system calls run on a thread of their own, never on the Swift concurrency pool, so tests
/// running side by side cannot starve each other.
final class RawSocket: @unchecked Sendable {
    let fd: Int32

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Connects to 127.0.0.1:`port`. `receiveBuffer` shrinks SO_RCVBUF before connecting.
    init(port: Int, receiveBuffer: Int? = nil, sendBuffer: Int? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        if let receiveBuffer { _ = cepoll_set_rcvbuf(fd, Int32(receiveBuffer)) }
        if let sendBuffer { _ = cepoll_set_sndbuf(fd, Int32(sendBuffer)) }
        _ = cepoll_set_nodelay(fd)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let rc = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw Failure(description: "connect to port \(port) failed: \(reason)")
        }
    }

    deinit { Glibc.close(fd) }

    /// Sends all of `bytes` (blocking).
    func sendBlocking(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { cepoll_send(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard n > 0 else { throw Failure(description: "send failed: \(String(cString: strerror(Int32(-n))))") }
            offset += n
        }
    }

    /// Sends `bytes` one byte per system call.
    func sendByteByByte(_ bytes: [UInt8]) async throws {
        try await offPool { for byte in bytes { try self.sendBlocking([byte]) } }
    }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8]) async throws {
        try await offPool { try self.sendBlocking(bytes) }
    }

    /// Sends without blocking; returns bytes accepted (0 when the socket buffer is full).
    func sendNonBlocking(_ bytes: ArraySlice<UInt8>) -> Int {
        let n = bytes.withUnsafeBytes { raw in
            Glibc.send(fd, raw.baseAddress!, raw.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL))
        }
        return max(n, 0)
    }

    /// Waits up to `milliseconds` for the socket to accept more bytes.
    func waitWritable(milliseconds: Int32) async -> Bool {
        (try? await offPool { self.waitWritableBlocking(milliseconds: milliseconds) }) ?? false
    }

    private func waitWritableBlocking(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    /// Reads exactly `count` bytes before `deadline`.
    func read(exactly count: Int, within seconds: Double = 30) async throws -> [UInt8] {
        try await offPool { try self.readBlocking(exactly: count, within: seconds) }
    }

    private func readBlocking(exactly count: Int, within seconds: Double) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        let deadline = Self.now() + seconds
        while filled < count {
            try waitReadable(until: deadline)
            let n = out.withUnsafeMutableBytes { cepoll_read(fd, $0.baseAddress! + filled, count - filled) }
            if n == 0 { throw Failure(description: "end of stream after \(filled) of \(count) bytes") }
            if n < 0 { throw Failure(description: "read failed: \(String(cString: strerror(Int32(-n))))") }
            filled += n
        }
        return out
    }

    /// Reads one frame and returns its payload.
    func readFrame(within seconds: Double = 30) async throws -> [UInt8] {
        try await offPool {
            let header = try self.readBlocking(exactly: 4, within: seconds)
            let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
            return try self.readBlocking(exactly: length, within: seconds)
        }
    }

    /// Waits for the server to close: reads (discarding) until end of stream or reset.
    /// Returns the bytes that arrived before the end.
    @discardableResult
    func readUntilClosed(within seconds: Double = 30) async throws -> [UInt8] {
        try await offPool { try self.readUntilClosedBlocking(within: seconds) }
    }

    private func readUntilClosedBlocking(within seconds: Double) throws -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let deadline = Self.now() + seconds
        while true {
            try waitReadable(until: deadline)
            let n = chunk.withUnsafeMutableBytes { cepoll_read(fd, $0.baseAddress!, $0.count) }
            if n == 0 || n == -Int(ECONNRESET) { return received }
            if n < 0 { throw Failure(description: "read failed: \(String(cString: strerror(Int32(-n))))") }
            received += chunk[0..<n]
        }
    }

    /// Shuts down both directions and closes now.
    func close() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    private func waitReadable(until deadline: Double) throws {
        while true {
            let left = deadline - Self.now()
            if left <= 0 { throw Failure(description: "timed out waiting for bytes") }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let rc = poll(&entry, 1, Int32(max(1, min(left * 1000, 1000))))
            if rc > 0 { return }
        }
    }

    /// Sends the first half of `frame`, then every `interval` seconds for `duration` seconds
    /// the second half plus the next first half, so that a frame is always partly sent; then
    /// the last second half.
    /// Returns the frames completed, the longest pause between writes, and a send failure.
    func paceHalfFrames(_ frame: [UInt8], every interval: Double, for duration: Double) async throws
        -> (completed: Int, longestGap: Double, failure: String?)
    {
        try await offPool {
            let half = frame.count / 2
            let step = Array(frame[half...]) + Array(frame[..<half])
            var completed = 0
            var longestGap = 0.0
            do {
                try self.sendBlocking(Array(frame[..<half]))
                var last = Self.now()
                let deadline = last + duration
                while Self.now() < deadline {
                    usleep(useconds_t(interval * 1e6))
                    try self.sendBlocking(step)
                    let now = Self.now()
                    longestGap = max(longestGap, now - last)
                    last = now
                    completed += 1
                }
                try self.sendBlocking(Array(frame[half...]))
                completed += 1
            } catch {
                return (completed, max(longestGap, Self.now()), "\(error)")
            }
            return (completed, longestGap, nil)
        }
    }

    /// Runs `body` on a new thread and waits for it without holding a pool thread.
    private func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    static func now() -> Double { Double(cepoll_monotonic_ns()) / 1e9 }
}

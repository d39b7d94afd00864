import CEpoll
import Foundation
import FramedJSON
import FramedRPC
import Glibc

/// A raw TCP client for the transport and wire-rule tests: it writes exact bytes (whole, one
/// at a time, without blocking, or in paced halves) and reads whole frames, so no client
/// library can hide what the server really sent.
///
/// Every read has a deadline. Blocking system calls run on a thread of their own (never on the
/// Swift concurrency pool), so a test waiting for bytes cannot starve the server or other tests.
/// One socket is used by one test at a time.
final class WireSocket: @unchecked Sendable {
    let fd: Int32
    /// Bytes read from the socket and not yet returned as frames.
    private var pending: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; `receiveBuffer` and `sendBuffer` shrink SO_RCVBUF and
    /// SO_SNDBUF first (slow-reader and backpressure tests).
    init(port: Int, receiveBuffer: Int? = nil, sendBuffer: Int? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WireFailure("socket() failed: \(String(cString: strerror(errno)))") }
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
            throw WireFailure("connect to 127.0.0.1:\(port) failed: \(reason)")
        }
    }

    deinit { Glibc.close(fd) }

    // MARK: Sending

    /// Sends `bytes` exactly as given (frame headers included).
    func send(_ bytes: [UInt8]) async throws {
        try await Self.offPool { try self.sendBlocking(bytes) }
    }

    /// Sends one frame holding `json` (UTF-8, length-prefixed).
    func send(frame json: String) async throws {
        try await send(Frame.encode(Array(json.utf8)))
    }

    /// Sends one frame holding `payload` as it is (for invalid UTF-8 and other raw payloads).
    func send(payload: [UInt8]) async throws {
        try await send(Frame.encode(payload))
    }

    func sendBlocking(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { cepoll_send(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard n > 0 else { throw WireFailure("send failed: \(String(cString: strerror(Int32(-n))))") }
            offset += n
        }
    }

    /// Sends `bytes` one byte per system call.
    func sendByteByByte(_ bytes: [UInt8]) async throws {
        try await Self.offPool { for byte in bytes { try self.sendBlocking([byte]) } }
    }

    /// Waits up to `milliseconds` for the socket to accept more bytes.
    func waitWritable(milliseconds: Int32) async -> Bool {
        let fd = fd
        return
            (try? await Self.offPool {
                var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                return poll(&entry, 1, milliseconds) > 0
            }) ?? false
    }

    /// Sends the first half of `frame`, then every `interval` seconds for `duration` seconds
    /// the second half plus the next first half, so that a frame is always partly sent; then
    /// the last second half. Returns the frames completed, the longest pause between writes,
    /// and a send failure.
    func paceHalfFrames(_ frame: [UInt8], every interval: Double, for duration: Double) async throws
        -> (completed: Int, longestGap: Double, failure: String?)
    {
        try await Self.offPool {
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

    /// Sends as many of `bytes` as fit without blocking; nil once the server has closed.
    func sendSome(_ bytes: ArraySlice<UInt8>) -> Int? {
        let n = bytes.withUnsafeBytes { raw in
            Glibc.send(fd, raw.baseAddress!, raw.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL))
        }
        if n >= 0 { return n }
        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : nil
    }

    // MARK: Receiving

    /// The next frame's payload.
    func readFrame(within timeout: Duration = .seconds(10)) async throws -> [UInt8] {
        try await Self.offPool { try self.readFrameBlocking(until: Self.deadline(after: timeout)) }
    }

    /// The next frame, parsed.
    func readJSON(within timeout: Duration = .seconds(10)) async throws -> JSONValue {
        try Self.parse(try await readFrame(within: timeout))
    }

    /// The next `count` frames, parsed, read on one thread.
    func readJSON(count: Int, within timeout: Duration = .seconds(20)) async throws -> [JSONValue] {
        let payloads = try await Self.offPool {
            let deadline = Self.deadline(after: timeout)
            return try (0..<count).map { _ in try self.readFrameBlocking(until: deadline) }
        }
        return try payloads.map(Self.parse)
    }

    /// Frames until (and including) the first one for which `isLast` holds.
    func readJSON(until isLast: @escaping @Sendable (JSONValue) -> Bool, within timeout: Duration = .seconds(20))
        async throws -> [JSONValue]
    {
        try await Self.offPool {
            let deadline = Self.deadline(after: timeout)
            var frames: [JSONValue] = []
            while true {
                let frame = try Self.parse(try self.readFrameBlocking(until: deadline))
                frames.append(frame)
                if isLast(frame) { return frames }
            }
        }
    }

    /// Reads until the server closes (end of stream or reset); returns the frames that came
    /// first, parsed. Fails if the connection is still open after `timeout`.
    func readUntilClosed(within timeout: Duration = .seconds(10)) async throws -> [JSONValue] {
        try await readFramesUntilClosed(within: timeout).map(Self.parse)
    }

    /// Reads until the server closes (end of stream or reset); returns the payloads of the
    /// frames that came first, as bytes. Fails if the connection is still open after `timeout`.
    @discardableResult
    func readFramesUntilClosed(within timeout: Duration = .seconds(10)) async throws -> [[UInt8]] {
        try await Self.offPool {
            let deadline = Self.deadline(after: timeout)
            var frames: [[UInt8]] = []
            while true {
                if let frame = try self.takeFrame() {
                    frames.append(frame)
                    continue
                }
                guard try self.fill(until: deadline) else { return frames }
            }
        }
    }

    /// Bytes the kernel holds for this socket, unread (FIONREAD).
    var unreadKernelBytes: Int {
        var count: Int32 = 0
        _ = ioctl(fd, UInt(FIONREAD), &count)
        return Int(count)
    }

    /// True once the server has closed or reset the connection; reads nothing, so a client
    /// that never reads can watch for its close.
    var peerHasClosed: Bool {
        let pollRDHUP = Int16(0x2000)  // POLLRDHUP: the peer closed its side
        var entry = pollfd(fd: fd, events: pollRDHUP, revents: 0)
        guard poll(&entry, 1, 0) == 1 else { return false }
        return entry.revents & Int16(0x2000 | POLLHUP | POLLERR) != 0
    }

    /// Makes the socket's close a reset (SO_LINGER 0): once the last reference is gone the
    /// server sees ECONNRESET, not a FIN.
    func resetOnClose() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    /// Closes both directions now (a hang-up).
    func hangUp() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    private func readFrameBlocking(until deadline: UInt64) throws -> [UInt8] {
        while true {
            if let frame = try takeFrame() { return frame }
            guard try fill(until: deadline) else {
                throw WireFailure("the server closed the connection (\(pending.count) bytes of a frame unread)")
            }
        }
    }

    /// A complete frame from `pending`, if there is one.
    private func takeFrame() throws -> [UInt8]? {
        guard pending.count >= 4 else { return nil }
        let length = Int(pending[0]) << 24 | Int(pending[1]) << 16 | Int(pending[2]) << 8 | Int(pending[3])
        guard pending.count >= 4 + length else { return nil }
        let frame = Array(pending[4..<(4 + length)])
        pending.removeSubrange(0..<(4 + length))
        return frame
    }

    /// Reads what is available into `pending`, waiting until `deadline`. False at end of stream.
    private func fill(until deadline: UInt64) throws -> Bool {
        while true {
            let now = cepoll_monotonic_ns()
            guard now < deadline else { throw WireFailure("timed out waiting for bytes from the server") }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let waitMs = Int32(min((deadline - now) / 1_000_000 + 1, 200))
            guard poll(&entry, 1, waitMs) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 256 * 1024)
            let n = chunk.withUnsafeMutableBytes { cepoll_read(fd, $0.baseAddress!, $0.count) }
            if n == 0 || n == -Int(ECONNRESET) { return false }
            if n < 0 { throw WireFailure("read failed: \(String(cString: strerror(Int32(-n))))") }
            pending += chunk[0..<n]
            return true
        }
    }

    // MARK: Many sockets at once

    /// One frame from each socket, read on a single thread polling all of them.
    static func readOneFrameEach(_ sockets: [WireSocket], within timeout: Duration = .seconds(20)) async throws
        -> [JSONValue]
    {
        let payloads = try await offPool {
            let deadline = deadline(after: timeout)
            var frames = [[UInt8]?](repeating: nil, count: sockets.count)
            var left = sockets.count
            var entries = sockets.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            while left > 0 {
                guard cepoll_monotonic_ns() < deadline else {
                    throw WireFailure("timed out: \(left) of \(sockets.count) connections did not answer")
                }
                guard poll(&entries, nfds_t(entries.count), 100) > 0 else { continue }
                for (i, entry) in entries.enumerated() where entry.revents != 0 && frames[i] == nil {
                    let socket = sockets[i]
                    guard try socket.fill(until: deadline) else {
                        throw WireFailure("connection \(i) closed before answering")
                    }
                    if let frame = try socket.takeFrame() {
                        frames[i] = frame
                        entries[i].events = 0
                        left -= 1
                    }
                }
            }
            return frames.map { $0! }
        }
        return try payloads.map(parse)
    }

    // MARK: Helpers

    static func parse(_ payload: [UInt8]) throws -> JSONValue {
        do {
            return try JSONParser(maxDepth: 512).parse(payload)
        } catch {
            throw WireFailure("the server sent a frame that is not JSON: \(error)")
        }
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double { Double(cepoll_monotonic_ns()) / 1e9 }

    static func deadline(after timeout: Duration) -> UInt64 {
        let parts = timeout.components
        return cepoll_monotonic_ns() + UInt64(parts.seconds) * 1_000_000_000 + UInt64(parts.attoseconds / 1_000_000_000)
    }

    /// Runs `body` on a thread of its own and waits for it without holding a pool thread.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}

/// A failure of the test machinery itself (timeouts, unexpected closes), with what happened.
struct WireFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

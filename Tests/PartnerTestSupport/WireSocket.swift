public import FramedJSON
import Glibc

/// The tests' one raw TCP client: it writes exact bytes (whole, one at a time, without
/// blocking, in paced halves, or garbage) and reads whole frames (WIRE.md §2), so no client
/// library can hide what a server really sent. It speaks plain HTTP too (`readToEnd`).
///
/// Every read has a deadline. The `async` calls run their blocking system calls on a thread
/// of their own (`onThread`), never on the Swift concurrency pool, so a test waiting for bytes
/// cannot starve the server or other tests; the blocking calls (`write`, `sendFrame`,
/// `readJSON(timeout:)`, `waitForClose`, `ping`) are for tests that already run on a thread
/// of their own. Writes use `MSG_NOSIGNAL`: a peer that closed is an error or `false`, never
/// SIGPIPE. One socket is used by one test at a time.
///
/// ```swift
/// let socket = try WireSocket(port: server.port)
/// try await socket.send(frame: #"{"jsonrpc":"2.0","id":1,"method":"$/ping"}"#)
/// let answer = try await socket.readJSON(within: .seconds(5))
/// ```
public final class WireSocket: @unchecked Sendable {
    /// The socket's descriptor (for `poll` over several sockets).
    public let fd: Int32
    /// Bytes read from the socket and not yet returned as frames.
    private var pending: [UInt8] = []
    private var isClosed = false

    /// Connects to 127.0.0.1:`port` with TCP_NODELAY; `receiveBuffer` and `sendBuffer` shrink
    /// SO_RCVBUF and SO_SNDBUF first (slow-reader and backpressure tests).
    /// - Throws: `TestFailure` when the connection is refused.
    public init(port: some BinaryInteger, receiveBuffer: Int? = nil, sendBuffer: Int? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed: \(String(cString: strerror(errno)))") }
        if let receiveBuffer { Self.setOption(fd, SOL_SOCKET, SO_RCVBUF, Int32(receiveBuffer)) }
        if let sendBuffer { Self.setOption(fd, SOL_SOCKET, SO_SNDBUF, Int32(sendBuffer)) }
        Self.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
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
            throw TestFailure("connect to 127.0.0.1:\(port) failed: \(reason)")
        }
    }

    /// Takes over `fd`, a connected TCP socket (the accepted side of a scripted peer), with
    /// TCP_NODELAY; the socket closes it.
    public init(adopting fd: Int32) {
        self.fd = fd
        Self.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
    }

    deinit { close() }

    // MARK: Framing

    /// `payload` with its 4-byte big-endian length prefix.
    public static func frame(_ payload: [UInt8]) -> [UInt8] { header(payload.count) + payload }

    /// `json` (UTF-8) with its 4-byte length prefix.
    public static func frame(_ json: String) -> [UInt8] { frame(Array(json.utf8)) }

    /// A length prefix declaring `length` bytes (truncated to 32 bits).
    public static func header(_ length: Int) -> [UInt8] {
        let n = UInt32(truncatingIfNeeded: length)
        return [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)]
    }

    // MARK: Sending

    /// Sends `bytes` exactly as given (frame headers included).
    /// - Throws: `TestFailure` when the peer closed or reset the connection.
    public func send(_ bytes: [UInt8]) async throws {
        try await onThread { try self.sendBlocking(bytes) }
    }

    /// Sends one frame holding `json` (UTF-8, length-prefixed).
    public func send(frame json: String) async throws {
        try await send(Self.frame(json))
    }

    /// Sends one frame holding `payload` as it is (for invalid UTF-8 and other raw payloads).
    public func send(payload: [UInt8]) async throws {
        try await send(Self.frame(payload))
    }

    /// Sends every byte of `bytes`, blocking.
    /// - Throws: `TestFailure` when the peer closed or reset the connection.
    public func sendBlocking(_ bytes: [UInt8]) throws {
        guard write(bytes) else { throw TestFailure("send failed: \(String(cString: strerror(errno)))") }
    }

    /// Writes every byte of `bytes`, blocking; `false` when the peer has closed or reset the
    /// connection.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
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

    /// Writes one frame holding `json`, blocking; `false` when the peer has closed.
    @discardableResult
    public func sendFrame(_ json: String) -> Bool { write(Self.frame(json)) }

    /// Sends `bytes` one byte per system call.
    public func sendByteByByte(_ bytes: [UInt8]) async throws {
        try await onThread { for byte in bytes { try self.sendBlocking([byte]) } }
    }

    /// Waits up to `milliseconds` for the socket to accept more bytes.
    public func waitWritable(milliseconds: Int32) async -> Bool {
        let fd = fd
        return
            (try? await onThread {
                var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                return poll(&entry, 1, milliseconds) > 0
            }) ?? false
    }

    /// Sends the first half of `frame`, then every `interval` seconds for `duration` seconds
    /// the second half plus the next first half, so that a frame is always partly sent; then
    /// the last second half. Returns the frames completed, the longest pause between writes,
    /// and a send failure.
    public func paceHalfFrames(_ frame: [UInt8], every interval: Double, for duration: Double) async throws
        -> (completed: Int, longestGap: Double, failure: String?)
    {
        try await onThread {
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
    public func sendSome(_ bytes: ArraySlice<UInt8>) -> Int? {
        let n = bytes.withUnsafeBytes { raw in
            Glibc.send(fd, raw.baseAddress!, raw.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL))
        }
        if n >= 0 { return n }
        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : nil
    }

    // MARK: Receiving

    /// The next frame's payload.
    /// - Throws: `TestFailure` on a timeout or when the server closed first.
    public func readFrame(within timeout: Duration = .seconds(10)) async throws -> [UInt8] {
        try await onThread { try self.readFrameBlocking(until: Self.deadline(after: timeout)) }
    }

    /// The next frame, parsed.
    public func readJSON(within timeout: Duration = .seconds(10)) async throws -> JSONValue {
        try Self.parse(try await readFrame(within: timeout))
    }

    /// The next `count` frames, parsed, read on one thread.
    public func readJSON(count: Int, within timeout: Duration = .seconds(20)) async throws -> [JSONValue] {
        let payloads = try await onThread {
            let deadline = Self.deadline(after: timeout)
            return try (0..<count).map { _ in try self.readFrameBlocking(until: deadline) }
        }
        return try payloads.map(Self.parse)
    }

    /// Frames until (and including) the first one for which `isLast` holds.
    public func readJSON(
        until isLast: @escaping @Sendable (JSONValue) -> Bool, within timeout: Duration = .seconds(20)
    ) async throws -> [JSONValue] {
        try await onThread {
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
    public func readUntilClosed(within timeout: Duration = .seconds(10)) async throws -> [JSONValue] {
        try await readFramesUntilClosed(within: timeout).map(Self.parse)
    }

    /// Reads until the server closes (end of stream or reset); returns the payloads of the
    /// frames that came first, as bytes. Fails if the connection is still open after `timeout`.
    @discardableResult
    public func readFramesUntilClosed(within timeout: Duration = .seconds(10)) async throws -> [[UInt8]] {
        try await onThread {
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

    /// The next frame's payload, blocking; `nil` when the peer closed first.
    /// - Throws: `TestFailure` when `timeout` seconds pass first.
    public func readFrame(timeout: Double = 10) throws -> [UInt8]? {
        let deadline = Self.deadline(after: .milliseconds(Int64(timeout * 1000)))
        while true {
            if let frame = try takeFrame() { return frame }
            guard try fill(until: deadline) else { return nil }
        }
    }

    /// The next frame parsed, blocking; `nil` when the peer closed first.
    public func readJSON(timeout: Double = 10) throws -> JSONValue? {
        guard let payload = try readFrame(timeout: timeout) else { return nil }
        return try Self.parse(payload)
    }

    /// Every byte until the peer closes, blocking (an HTTP answer with `Connection: close`).
    /// - Throws: `TestFailure` when the peer is still open after `timeout` seconds.
    public func readToEnd(timeout: Double = 10) throws -> [UInt8] {
        let deadline = Self.deadline(after: .milliseconds(Int64(timeout * 1000)))
        while try fill(until: deadline) {}
        defer { pending = [] }
        return pending
    }

    /// Reads and discards until the peer closes, blocking; `true` when it did within
    /// `timeout` seconds.
    public func waitForClose(timeout: Double) -> Bool {
        let deadline = Self.deadline(after: .milliseconds(Int64(timeout * 1000)))
        while true {
            pending = []
            do {
                guard try fill(until: deadline) else { return true }
            } catch {
                return false
            }
        }
    }

    /// Sends `$/ping` with `id` and waits (blocking) for its answer; `true` when it came.
    public func ping(id: Int = 1, timeout: Double = 10) -> Bool {
        guard sendFrame(#"{"jsonrpc":"2.0","id":\#(id),"method":"$/ping"}"#) else { return false }
        guard let answer = try? readJSON(timeout: timeout) else { return false }
        return answer["id"]?.intValue == Int64(id) && answer["error"] == nil
    }

    /// Bytes the kernel holds for this socket, unread (FIONREAD).
    public var unreadKernelBytes: Int {
        var count: Int32 = 0
        _ = ioctl(fd, UInt(FIONREAD), &count)
        return Int(count)
    }

    /// True once the server has closed or reset the connection; reads nothing, so a client
    /// that never reads can watch for its close.
    public var peerHasClosed: Bool {
        let pollRDHUP = Int16(0x2000)  // POLLRDHUP: the peer closed its side
        var entry = pollfd(fd: fd, events: pollRDHUP, revents: 0)
        guard poll(&entry, 1, 0) == 1 else { return false }
        return entry.revents & Int16(0x2000 | POLLHUP | POLLERR) != 0
    }

    // MARK: Closing

    /// Makes the socket's close a reset (SO_LINGER 0): once it is closed the server sees
    /// ECONNRESET, not a FIN.
    public func resetOnClose() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    /// Closes with a reset (SO_LINGER 0) now.
    public func abort() {
        resetOnClose()
        close()
    }

    /// Closes our sending side only (a half-close): the server reads end of stream and may
    /// still answer.
    public func halfClose() {
        shutdown(fd, Int32(SHUT_WR))
    }

    /// Closes both directions now (a hang-up); the descriptor stays open until `close()`.
    public func hangUp() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Closes the descriptor (once; also done when the socket is released).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    // MARK: Reading machinery

    private func readFrameBlocking(until deadline: UInt64) throws -> [UInt8] {
        while true {
            if let frame = try takeFrame() { return frame }
            guard try fill(until: deadline) else {
                throw TestFailure("the server closed the connection (\(pending.count) bytes of a frame unread)")
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

    /// Reads what is available into `pending`, waiting until `deadline`. False at end of
    /// stream or reset.
    private func fill(until deadline: UInt64) throws -> Bool {
        while true {
            let now = Self.monotonicNanoseconds()
            guard now < deadline else { throw TestFailure("timed out waiting for bytes from the server") }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let waitMs = Int32(min((deadline - now) / 1_000_000 + 1, 200))
            let ready = poll(&entry, 1, waitMs)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 256 * 1024)
            let n = chunk.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n == 0 || (n < 0 && errno == ECONNRESET) { return false }
            if n < 0 { throw TestFailure("read failed: \(String(cString: strerror(errno)))") }
            pending += chunk[0..<n]
            return true
        }
    }

    // MARK: Many sockets at once

    /// One frame from each socket, read on a single thread polling all of them.
    public static func readOneFrameEach(_ sockets: [WireSocket], within timeout: Duration = .seconds(20))
        async throws -> [JSONValue]
    {
        let payloads = try await onThread {
            let deadline = deadline(after: timeout)
            var frames = [[UInt8]?](repeating: nil, count: sockets.count)
            var left = sockets.count
            var entries = sockets.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            while left > 0 {
                guard monotonicNanoseconds() < deadline else {
                    throw TestFailure("timed out: \(left) of \(sockets.count) connections did not answer")
                }
                guard poll(&entries, nfds_t(entries.count), 100) > 0 else { continue }
                for (i, entry) in entries.enumerated() where entry.revents != 0 && frames[i] == nil {
                    let socket = sockets[i]
                    guard try socket.fill(until: deadline) else {
                        throw TestFailure("connection \(i) closed before answering")
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

    /// `payload` parsed as JSON (nesting up to 512).
    /// - Throws: `TestFailure` when it is not JSON.
    public static func parse(_ payload: [UInt8]) throws -> JSONValue {
        do {
            return try JSONParser(maxDepth: 512).parse(payload)
        } catch {
            throw TestFailure("the server sent a frame that is not JSON: \(error)")
        }
    }

    /// Seconds on the monotonic clock.
    public static func now() -> Double { Double(monotonicNanoseconds()) / 1e9 }

    /// The monotonic clock's reading `timeout` from now, in nanoseconds.
    public static func deadline(after timeout: Duration) -> UInt64 {
        let parts = timeout.components
        return monotonicNanoseconds() + UInt64(parts.seconds) * 1_000_000_000
            + UInt64(parts.attoseconds / 1_000_000_000)
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) {
        var value = value
        setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }
}

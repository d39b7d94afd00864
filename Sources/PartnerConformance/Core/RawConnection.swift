public import FramedJSON

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP connection to the target spoken in raw bytes, so no client library can hide a bug.
///
/// Every read waits at most the target's `readTimeout` (or the timeout given), then fails the
/// case with the transcript. Frames that arrive while a case waits for another id are kept and
/// returned by later reads, so out-of-order answers are observed, not lost. One connection
/// belongs to one case thread; it is not shared.
public final class RawConnection {
    let fd: Int32
    let recorder: TranscriptRecorder
    let defaultTimeout: Duration
    private var inbound: [UInt8] = []
    private var inboundStart = 0
    private var closedByPeer = false
    private var nextIdentifier: Int64 = 1
    /// Frames read while looking for something else, oldest first.
    public private(set) var held: [ReceivedFrame] = []
    /// What a read in progress waits for, named in its timeout failure.
    private var awaiting: String?

    init(target: ConformanceTarget, recorder: TranscriptRecorder) throws {
        self.recorder = recorder
        self.defaultTimeout = target.readTimeout
        self.fd = try RawSocket.connect(host: target.host, port: target.port, timeout: .seconds(5))
    }

    deinit { Glibc.close(fd) }

    // MARK: writing

    /// Writes `bytes` exactly as given (no framing). Fails the case if the peer has gone.
    public func write(bytes: [UInt8], note: String? = nil) throws {
        recorder.add(.sent, note ?? "raw \(bytes.count) bytes: \(TranscriptRecorder.hex(bytes))")
        try RawSocket.writeAll(fd, bytes)
    }

    /// Writes one frame: the 4-byte big-endian length of `payload`, then `payload`.
    public func writeFrame(payload: [UInt8]) throws {
        recorder.add(.sent, TranscriptRecorder.render(payload))
        try RawSocket.writeAll(fd, Self.framed(payload))
    }

    /// Writes one frame holding `json` as UTF-8, unchanged (so malformed JSON can be sent).
    public func writeFrame(_ json: String) throws { try writeFrame(payload: Array(json.utf8)) }

    /// Writes one frame holding `value` as compact JSON.
    public func writeFrame(_ value: JSONValue) throws { try writeFrame(payload: value.encodedBytes) }

    /// The length prefix and payload of one frame.
    public static func framed(_ payload: [UInt8]) -> [UInt8] {
        let n = UInt32(truncatingIfNeeded: payload.count)
        return [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] + payload
    }

    /// Half-closes the connection: the target sees end of stream, answers may still arrive.
    public func shutdownWrite() {
        recorder.add(.event, "suite shut down its writing side")
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    // MARK: requests

    /// A fresh integer id, unique on this connection.
    public func nextID() -> Int64 {
        defer { nextIdentifier += 1 }
        return nextIdentifier
    }

    /// A request object: `jsonrpc`, `id`, `method`, and `params` / `meta` when given.
    public static func request(id: JSONValue?, method: String, params: JSONValue? = nil, meta: JSONObject? = nil)
        -> JSONValue
    {
        var object: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
        if let id { object.members.append(.init(key: "id", value: id)) }
        if let params { object.members.append(.init(key: "params", value: params)) }
        if let meta { object.members.append(.init(key: "meta", value: .object(meta))) }
        return .object(object)
    }

    /// Sends a request with a fresh id and returns the response carrying that id; frames for
    /// other ids or notifications that arrive first are held for later reads.
    public func call(_ method: String, params: JSONValue? = nil, meta: JSONObject? = nil, timeout: Duration? = nil)
        throws -> JSONObject
    {
        let id = JSONValue.int(nextID())
        try writeFrame(Self.request(id: id, method: method, params: params, meta: meta))
        return try readResponse(id: id, timeout: timeout)
    }

    // MARK: reading

    /// The next frame (held frames first). Fails on timeout, on close, or if it is not JSON.
    public func readFrame(timeout: Duration? = nil) throws -> ReceivedFrame {
        if !held.isEmpty { return held.removeFirst() }
        guard let frame = try readFrameOrClose(timeout: timeout) else {
            throw recorder.failure("the connection closed while a frame was expected")
        }
        return frame
    }

    /// The next frame, or `nil` when the target closed the connection cleanly between frames.
    public func readFrameOrClose(timeout: Duration? = nil) throws -> ReceivedFrame? {
        if !held.isEmpty { return held.removeFirst() }
        return try readSocketFrameOrClose(timeout: timeout)
    }

    /// The next frame from the socket (held frames are left alone), or `nil` on a clean close.
    func readSocketFrameOrClose(timeout: Duration? = nil) throws -> ReceivedFrame? {
        let deadline = ContinuousClock.now + (timeout ?? defaultTimeout)
        guard let header = try readExactly(4, deadline: deadline, allowCleanClose: true) else { return nil }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard length > 0 else { throw recorder.failure("the target sent a frame of length 0 (§2.2 requires N >= 1)") }
        guard length <= 4 * 1024 * 1024 else {
            throw recorder.failure("the target sent a frame of \(length) bytes, over the 4194304-byte limit")
        }
        guard let payload = try readExactly(length, deadline: deadline, allowCleanClose: false) else {
            throw recorder.failure("the connection closed inside a frame")
        }
        recorder.add(.received, TranscriptRecorder.render(payload))
        do {
            return ReceivedFrame(bytes: payload, value: try JSONParser(maxDepth: 512).parse(payload))
        } catch {
            throw recorder.failure("the target sent a frame that is not JSON: \(error)")
        }
    }

    /// Reads frames until the response whose `id` equals `id`; others are held.
    public func readResponse(id: JSONValue, timeout: Duration? = nil) throws -> JSONObject {
        try readFrame(timeout: timeout, what: "the response with id \(id)") { $0.isResponse(to: id) }.object!
    }

    /// The first frame, held ones included, for which `matches` is true; frames read before it
    /// are held for later reads. `what` names the awaited frame in the failure message.
    /// - Throws: ``CaseFailure`` on timeout or when the connection closes first.
    public func readFrame(
        timeout: Duration? = nil, what: String = "the expected frame", where matches: (ReceivedFrame) -> Bool
    ) throws -> ReceivedFrame {
        if let index = held.firstIndex(where: matches) { return held.remove(at: index) }
        let deadline = ContinuousClock.now + (timeout ?? defaultTimeout)
        var skipped: [ReceivedFrame] = []
        awaiting = what
        defer {
            held += skipped
            awaiting = nil
        }
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw recorder.failure("no \(what) within the timeout") }
            guard let frame = try readSocketFrameOrClose(timeout: remaining) else {
                throw recorder.failure("the connection closed before \(what)")
            }
            if matches(frame) { return frame }
            skipped.append(frame)
        }
    }

    /// Passes if the target closes the connection within `timeout`; the frames it sent first are returned.
    public func readUntilClosed(timeout: Duration? = nil) throws -> [ReceivedFrame] {
        var frames = held
        held = []
        let deadline = ContinuousClock.now + (timeout ?? defaultTimeout)
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw recorder.failure("the target did not close the connection in time") }
            guard let frame = try readFrameOrClose(timeout: remaining) else { return frames }
            frames.append(frame)
        }
    }

    /// Passes if no byte arrives for `duration` and the connection stays open.
    public func expectSilence(for duration: Duration) throws {
        if let frame = held.first { throw recorder.failure("expected nothing, but the target sent \(frame.text)") }
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            let ready = try RawSocket.waitReadable(fd, until: deadline)
            guard ready else { return }
            guard let frame = try readFrameOrClose(timeout: defaultTimeout) else {
                throw recorder.failure("expected the connection to stay open and silent, but the target closed it")
            }
            throw recorder.failure("expected nothing, but the target sent \(frame.text)")
        }
    }

    private func readExactly(_ count: Int, deadline: ContinuousClock.Instant, allowCleanClose: Bool) throws -> [UInt8]?
    {
        while inbound.count - inboundStart < count {
            if closedByPeer {
                if allowCleanClose && inbound.count == inboundStart { return nil }
                return nil
            }
            guard try RawSocket.waitReadable(fd, until: deadline) else {
                throw recorder.failure("timed out waiting for \(awaiting ?? "a frame from the target")")
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                if inboundStart > 65536 {
                    inbound.removeFirst(inboundStart)
                    inboundStart = 0
                }
                inbound.append(contentsOf: chunk[0..<n])
            } else if n == 0 || errno == ECONNRESET {
                closedByPeer = true
                recorder.add(.event, n == 0 ? "target closed the connection" : "connection reset by the target")
            } else if errno != EINTR && errno != EAGAIN {
                throw recorder.failure("read failed: errno \(errno)")
            }
        }
        defer { inboundStart += count }
        return Array(inbound[inboundStart..<(inboundStart + count)])
    }
}

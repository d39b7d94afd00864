public import FramedJSON

#if canImport(Glibc)
    import Glibc
#endif

extension RawConnection {
    /// Writes one request (`id` given) or notification (`id` nil) built by
    /// ``request(id:method:params:meta:)``.
    public func send(_ method: String, id: JSONValue?, params: JSONValue? = nil, meta: JSONObject? = nil) throws {
        try writeFrame(Self.request(id: id, method: method, params: params, meta: meta))
    }

    /// Writes `bytes` as they are, `chunkSize` bytes per system call with `pause` between calls,
    /// so the target receives them in many TCP segments (a frame split across reads).
    public func write(bytes: [UInt8], chunkSize: Int, pause: Duration) throws {
        recorder.add(.sent, "\(bytes.count) bytes in pieces of \(chunkSize): \(TranscriptRecorder.render(bytes))")
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + max(1, chunkSize))
            try RawSocket.writeAll(fd, Array(bytes[offset..<end]))
            offset = end
            if offset < bytes.count { RawSocket.pause(pause) }
        }
    }

    /// Sends a `$/ping` request with a fresh id and waits for its `{}` result: proof that the
    /// target still reads and answers this connection. Other frames read meanwhile are held.
    /// - Throws: ``CaseFailure`` when the answer is missing or is not `{"result":{}}`.
    public func expectAlive(timeout: Duration? = nil) throws {
        let id = JSONValue.string("alive-\(nextID())")
        try send("$/ping", id: id)
        let response = try readResponse(id: id, timeout: timeout)
        guard response["result"] == .object([:]) else {
            throw recorder.failure(
                "expected $/ping to be answered {} (the connection should be usable), got \(response)")
        }
    }

    /// The next `count` `$/item` notifications of the stream `id`, in arrival order. Fails if
    /// the stream's response comes first; other frames are held.
    public func readItems(id: JSONValue, count: Int, timeout: Duration? = nil) throws -> [JSONValue] {
        var items: [JSONValue] = []
        while items.count < count {
            let frame = try readFrame(timeout: timeout, what: "$/item \(items.count + 1) of \(count) for id \(id)") {
                $0.isItem(for: id) || $0.isResponse(to: id)
            }
            if frame.isResponse(to: id) {
                throw recorder.failure(
                    "expected \(count) items for id \(id), got \(items.count) and then the response \(frame.text)")
            }
            items.append(frame.item ?? .null)
        }
        return items
    }

    /// Every `$/item` of the stream `id` and then its response.
    public func readStream(id: JSONValue, timeout: Duration? = nil) throws -> (items: [JSONValue], response: JSONObject)
    {
        var items: [JSONValue] = []
        while true {
            let frame = try readFrame(timeout: timeout, what: "the next $/item or the response for id \(id)") {
                $0.isItem(for: id) || $0.isResponse(to: id)
            }
            if let object = frame.object, frame.isResponse(to: id) { return (items, object) }
            items.append(frame.item ?? .null)
        }
    }

    /// Fails if a `$/item` for `id` is held or arrives before a `$/ping` round trip completes
    /// (used after a stream's response: no item may follow it, WIRE.md §10.1).
    public func expectNoMoreItems(id: JSONValue) throws {
        try expectAlive()
        if let late = held.first(where: { $0.isItem(for: id) }) {
            throw recorder.failure("a $/item for id \(id) arrived after the stream's response: \(late.text)")
        }
    }

    /// Shrinks the socket's receive buffer (`SO_RCVBUF`), so a suite that stops reading makes
    /// the target's output queue up on the target's side rather than in this host's kernel.
    public func setReceiveBuffer(bytes: Int) {
        var size = Int32(clamping: bytes)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }
}

extension ReceivedFrame {
    /// True for a `$/item` notification whose `params.id` equals `id`.
    public func isItem(for id: JSONValue) -> Bool {
        guard let object, object["id"] == nil, object["method"] == .string("$/item") else { return false }
        return object["params"]?["id"] == id
    }

    /// `params.item` of a `$/item` notification.
    public var item: JSONValue? { object?["params"]?["item"] }

    /// The payload as an array (a batch response), if it is one.
    public var array: [JSONValue]? { value.arrayValue }
}

import FramedJSON

#if canImport(Glibc)
    import Glibc
#endif

/// One connection of the ``ScriptedServer``: a poll loop that reads frames, answers them the
/// way its script says, and emits held answers and stream items when they are due.
struct ScriptedConnection {
    private struct Stream {
        var credit: Int
        var next = 0
        var due: ContinuousClock.Instant
    }

    private let fd: Int32
    private let script: ServeScript
    /// 1 for the server's first connection, 2 for the next...
    private let index: Int
    private var inbound: [UInt8] = []
    private var held: [[UInt8]] = []
    private var flushAt: ContinuousClock.Instant?
    private var streams: [JSONValue: Stream] = [:]
    private var calls = 0
    private var goawaySent = false
    private var open = true

    init(fd: Int32, script: ServeScript, index: Int) {
        self.fd = fd
        self.script = script
        self.index = index
    }

    mutating func run() {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while open {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, nextWakeMilliseconds())
            if ready > 0 {
                let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    return
                }
                inbound += chunk[0..<n]
                while open, let payload = takeFrame() { handle(payload) }
            } else if ready < 0 && errno != EINTR {
                return
            }
            runTimers()
            if goawaySent && held.isEmpty && streams.isEmpty { open = false }
        }
    }

    // MARK: frames in

    private mutating func takeFrame() -> [UInt8]? {
        guard inbound.count >= 4 else { return nil }
        let length = Int(inbound[0]) << 24 | Int(inbound[1]) << 16 | Int(inbound[2]) << 8 | Int(inbound[3])
        guard length > 0, length <= 4 * 1024 * 1024 else {
            open = false
            return nil
        }
        guard inbound.count >= 4 + length else { return nil }
        let payload = Array(inbound[4..<(4 + length)])
        inbound.removeFirst(4 + length)
        return payload
    }

    private mutating func handle(_ payload: [UInt8]) {
        guard let request = try? JSONParser().parse(payload).objectValue,
            let method = request["method"]?.stringValue
        else {
            send(response(id: .null, error: -32600, status: "INVALID_ARGUMENT", message: "invalid request"))
            return
        }
        let id = request["id"]
        switch method {
        case "$/credit":
            if let target = request["params"]?["id"], let items = request["params"]?["items"]?.intValue,
                (1...10000).contains(items)
            {
                if var stream = streams[target] {
                    stream.credit = min(100_000, stream.credit + Int(items))
                    streams[target] = stream
                }
            }
            return
        case "$/cancel":
            if let target = request["params"]?["id"], streams.removeValue(forKey: target) != nil {
                answer(response(id: target, error: 1, status: "CANCELLED", message: "cancelled by the client"))
            }
            return
        case "$/ping":
            if let id { send(response(id: id, result: [:])) }
            return
        default:
            break
        }
        guard let id else { return }
        calls += 1
        if script == .dropFirstCall && index == 1 && calls == 1 {
            open = false
            return
        }
        if goawaySent {
            send(response(id: id, error: 14, status: "UNAVAILABLE", message: "server is draining", retryAfterMs: 1000))
            return
        }
        if script == .goaway && calls == 3 {
            goawaySent = true
            send(
                .object([
                    "jsonrpc": "2.0", "method": "$/goaway", "params": ["reason": "scripted drain", "graceMs": 2000],
                ]))
        }
        let params = request["params"]?.objectValue ?? [:]
        switch method {
        case "Health.Check":
            answer(response(id: id, result: ["status": "SERVING"]))
        case "Customers.Get":
            if script == .unknownStatus {
                answer(
                    .object([
                        "jsonrpc": "2.0", "id": id,
                        "error": [
                            "code": 99, "message": "a status from a later version",
                            "data": ["status": "QUOTA_OF_THE_FUTURE", "details": [["kind": "future-detail"]]],
                        ],
                    ]))
                return
            }
            let customerID = params["customerId"]?.stringValue ?? "cus_unknown"
            answer(
                response(id: id, result: ServeFixtures.customer(id: customerID, extraMembers: script == .unknownFields))
            )
        case "Events.Watch":
            let window = request["meta"]?["streamWindow"]?.intValue.map(Int.init) ?? 16
            streams[id] = Stream(credit: window, due: .now)
        default:
            answer(response(id: id, error: -32601, status: "UNIMPLEMENTED", message: "method not found: \(method)"))
        }
    }

    // MARK: frames out

    private func response(id: JSONValue, result: JSONValue) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id, "result": result])
    }

    private func response(id: JSONValue, error code: Int64, status: String, message: String, retryAfterMs: Int64? = nil)
        -> JSONValue
    {
        var data: JSONObject = ["status": .string(status), "details": []]
        if let retryAfterMs { data.members.append(.init(key: "retryAfterMs", value: .int(retryAfterMs))) }
        if script == .unknownFields {
            data.members.append(.init(key: "traceHint", value: "abc"))
            data.members[1].value = [["kind": "future-detail", "weight": 3]]
        }
        return .object([
            "jsonrpc": "2.0", "id": id,
            "error": ["code": .int(code), "message": .string(message), "data": .object(data)],
        ])
    }

    /// An answer to a call: held or sent as the script says.
    private mutating func answer(_ message: JSONValue) {
        let frame = RawConnection.framed(message.encodedBytes)
        switch script {
        case .outOfOrder, .coalesced, .goaway:
            held.append(frame)
            if flushAt == nil {
                flushAt = .now + .milliseconds(script == .outOfOrder ? 100 : 20)
            }
            if held.count >= 8 { flush() }
        default:
            if script == .unknownFields {
                send(.object(["jsonrpc": "2.0", "method": "$/future", "params": ["note": "ignore me"]]))
            }
            write(frame)
        }
    }

    private mutating func send(_ message: JSONValue) { write(RawConnection.framed(message.encodedBytes)) }

    private mutating func flush() {
        let frames = script == .outOfOrder ? held.reversed() : held
        held = []
        flushAt = nil
        write(frames.flatMap { $0 })
    }

    private mutating func write(_ bytes: [UInt8]) {
        guard open else { return }
        do {
            if script == .splitFrames {
                for byte in bytes { try RawSocket.writeAll(fd, [byte]) }
            } else {
                try RawSocket.writeAll(fd, bytes)
            }
        } catch {
            open = false
        }
    }

    // MARK: timers

    private func nextWakeMilliseconds() -> Int32 {
        var next: ContinuousClock.Instant? = flushAt
        for stream in streams.values where stream.credit > 0 {
            next = min(next ?? stream.due, stream.due)
        }
        guard let next else { return 1000 }
        let wait = next - .now
        guard wait > .zero else { return 0 }
        return Int32(clamping: wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000 + 1)
    }

    private mutating func runTimers() {
        let now = ContinuousClock.now
        if let flushAt, flushAt <= now { flush() }
        let interval: Duration = script == .slowStream ? .milliseconds(10) : .zero
        for id in Array(streams.keys) {
            while var stream = streams[id], stream.credit > 0, stream.due <= .now,
                stream.next < ServeFixtures.streamLength
            {
                send(
                    .object([
                        "jsonrpc": "2.0", "method": "$/item",
                        "params": ["id": id, "item": ServeFixtures.event(sequence: stream.next + 1)],
                    ]))
                stream.credit -= 1
                stream.next += 1
                stream.due = .now + interval
                streams[id] = stream
                if interval > .zero { break }
            }
            if let stream = streams[id], stream.next >= ServeFixtures.streamLength {
                streams[id] = nil
                answer(response(id: id, result: ["count": .int(Int64(ServeFixtures.streamLength))]))
            }
        }
    }
}

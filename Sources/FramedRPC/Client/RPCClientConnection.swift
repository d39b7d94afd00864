import FramedJSON
import Synchronization

/// The client side of one connection: the calls waiting for answers, keyed by id, and the
/// routing of responses, `$/item` and `$/goaway` frames to them.
final class RPCClientConnection: RPCConnectionInbound, Sendable {
    enum Waiter {
        case unary(CheckedContinuation<Result<JSONValue, RPCError>, Never>)
        case stream(RPCClientStream)

        func finish(_ result: Result<JSONValue, RPCError>) {
            switch self {
            case .unary(let c): c.resume(returning: result)
            case .stream(let s): s.finish(result)
            }
        }
    }

    private struct Pending {
        var waiter: Waiter
        var timer: Task<Void, Never>?
    }

    private struct State {
        var pending: [Int64: Pending] = [:]
        var outbound: (any RPCConnectionOutbound)?
        var closed = false
        var goaway = false
        var keepalive: Task<Void, Never>?
    }

    /// Why a call could not be registered.
    enum RegisterFailure: Error {
        case closed
        case goaway
        case cancelled
    }

    private let state = Mutex(State())
    private let parser: JSONParser
    private let onGone: @Sendable (RPCClientConnection) -> Void
    /// Which of the client's endpoints this connection goes to.
    let endpoint: Int
    /// When the last frame arrived (nanoseconds of the continuous clock since `created`).
    private let lastReceived = Atomic<Int64>(0)
    private let created = ContinuousClock.now

    init(maxDepth: Int, endpoint: Int = 0, onGone: @escaping @Sendable (RPCClientConnection) -> Void) {
        self.parser = JSONParser(maxDepth: maxDepth)
        self.endpoint = endpoint
        self.onGone = onGone
    }

    private func sinceCreated() -> Int64 {
        let c = created.duration(to: .now).components
        return c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000
    }

    /// Sends `$/ping` whenever nothing has arrived for `interval`; a ping unanswered within
    /// `timeout` closes the connection, failing its calls with UNAVAILABLE (WIRE.md §11.1).
    /// The task ends with the connection.
    func startKeepalive(interval: Duration, timeout: Duration, nextID: @escaping @Sendable () -> Int64) {
        let task = Task { [weak self] in
            while true {
                do { try await Task.sleep(for: interval) } catch { return }
                guard let self else { return }
                let quiet = self.sinceCreated() - self.lastReceived.load(ordering: .relaxed)
                let c = interval.components
                if quiet < c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000 { continue }
                let id = nextID()
                let frame = RPCEnvelopeEncoder.requestFrame(
                    id: .int(id), method: "$/ping", params: JSONValue.object([:]), metadata: RPCMetadata())
                let result = await withCheckedContinuation {
                    (continuation: CheckedContinuation<Result<JSONValue, RPCError>, Never>) in
                    do throws(RegisterFailure) {
                        try self.start(id: id, frame: frame, waiter: .unary(continuation), deadline: .now + timeout)
                    } catch {
                        continuation.resume(returning: .failure(RPCError(code: .cancelled, message: "not pinged")))
                    }
                }
                switch result {
                case .success: continue
                case .failure(let error) where error.code == .deadlineExceeded:
                    self.shutdown(
                        error: RPCError(
                            code: .unavailable,
                            message: "connection lost: the server did not answer $/ping within \(timeout) (keepalive)"))
                    return
                case .failure: return
                }
            }
        }
        let cancelNow = state.withLock { s -> Bool in
            if s.closed { return true }
            s.keepalive = task
            return false
        }
        if cancelNow { task.cancel() }
    }

    func attach(_ outbound: any RPCConnectionOutbound) {
        let closeNow = state.withLock { s -> Bool in
            s.outbound = outbound
            return s.closed
        }
        if closeNow { outbound.close() }
    }

    /// True while new calls may use this connection.
    var isUsable: Bool { state.withLock { !$0.closed && !$0.goaway } }

    /// Registers call `id` and writes its request frame. Throws without writing when the
    /// connection cannot take new calls or the task is already cancelled.
    func start(id: Int64, frame: [UInt8], waiter: Waiter, deadline: ContinuousClock.Instant?) throws(RegisterFailure) {
        let outbound = try state.withLock { s throws(RegisterFailure) -> (any RPCConnectionOutbound)? in
            if s.closed { throw .closed }
            if s.goaway { throw .goaway }
            if Task.isCancelled { throw .cancelled }
            s.pending[id] = Pending(waiter: waiter)
            return s.outbound
        }
        outbound?.write(frame)
        if let deadline {
            let timer = Task {
                do { try await Task.sleep(until: deadline, clock: .continuous) } catch { return }
                self.fail(
                    id: id, error: RPCError(code: .deadlineExceeded, message: "deadline exceeded (client side)"),
                    sendCancel: true)
            }
            let cancelTimer = state.withLock { s -> Bool in
                guard s.pending[id] != nil else { return true }
                s.pending[id]!.timer = timer
                return false
            }
            if cancelTimer { timer.cancel() }
        }
    }

    /// Ends call `id` locally (cancellation, deadline), telling the server with `$/cancel`.
    func fail(id: Int64, error: RPCError, sendCancel: Bool) {
        let (pending, outbound) = state.withLock { s in (s.pending.removeValue(forKey: id), s.outbound) }
        guard let pending else { return }
        pending.timer?.cancel()
        if sendCancel { outbound?.write(RPCEnvelopeEncoder.cancelFrame(id: .int(id))) }
        pending.waiter.finish(.failure(error))
    }

    /// Writes a `$/credit` grant for stream `id`.
    func grant(id: Int64, items: Int) {
        let outbound = state.withLock { $0.pending[id] != nil ? $0.outbound : nil }
        outbound?.write(RPCEnvelopeEncoder.creditFrame(id: .int(id), items: items))
    }

    /// Closes the connection, failing every pending call with `error`.
    func shutdown(error: RPCError) {
        let (pending, outbound, keepalive) = state.withLock {
            s -> ([Pending], (any RPCConnectionOutbound)?, Task<Void, Never>?) in
            s.closed = true
            let all = Array(s.pending.values)
            s.pending.removeAll()
            defer { s.keepalive = nil }
            return (all, s.outbound, s.keepalive)
        }
        keepalive?.cancel()
        for p in pending {
            p.timer?.cancel()
            p.waiter.finish(.failure(error))
        }
        outbound?.close()
        onGone(self)
    }

    // MARK: RPCConnectionInbound

    var isIdle: Bool { state.withLock { $0.pending.isEmpty } }

    /// Calls waiting for an answer.
    var pendingCount: Int { state.withLock { $0.pending.count } }

    func receive(frame payload: [UInt8]) {
        lastReceived.store(sinceCreated(), ordering: .relaxed)
        guard let value = try? parser.parse(payload) else { return }
        switch value {
        case .object(let object): receive(object)
        case .array(let elements):
            for case .object(let object) in elements { receive(object) }
        default: break
        }
    }

    private func receive(_ object: JSONObject) {
        if case .string(let method)? = object["method"] {
            let params = object["params"]
            switch method {
            case "$/item":
                guard let id = params?["id"]?.intValue else { return }
                let stream = state.withLock { s -> RPCClientStream? in
                    if case .stream(let stream)? = s.pending[id]?.waiter { return stream }
                    return nil
                }
                stream?.push(params?["item"] ?? .null)
            case "$/goaway":
                let closeNow = state.withLock { s -> (any RPCConnectionOutbound)? in
                    s.goaway = true
                    return s.pending.isEmpty ? s.outbound : nil
                }
                onGone(self)
                closeNow?.close()
            default: break
            }
            return
        }
        guard let id = object["id"]?.intValue else { return }
        let result: Result<JSONValue, RPCError>
        if let error = object["error"] {
            result = .failure(RPCError(wireError: error))
        } else {
            result = .success(object["result"] ?? .null)
        }
        let (pending, closeNow) = state.withLock { s -> (Pending?, (any RPCConnectionOutbound)?) in
            let p = s.pending.removeValue(forKey: id)
            return (p, s.goaway && s.pending.isEmpty ? s.outbound : nil)
        }
        if let pending {
            pending.timer?.cancel()
            pending.waiter.finish(result)
        }
        closeNow?.close()
    }

    func receive(frameError: FrameError) {
        shutdown(
            error: RPCError(
                code: .unavailable, message: "connection lost: the server sent an unreadable frame (\(frameError))"))
    }

    func connectionClosed(reason: String) {
        shutdown(error: RPCError(code: .unavailable, message: "connection lost: \(reason)"))
    }
}

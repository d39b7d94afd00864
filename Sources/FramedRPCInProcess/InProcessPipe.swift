import FramedRPC
import Synchronization

/// One direction of an in-process connection: bytes written by one side, framed with
/// `FrameDecoder` and delivered to the other side's inbound by a delivery task, with the
/// backpressure of a socket: written bytes count as buffered until delivered, and delivery
/// stops while the reader has paused reading.
final class InProcessPipe: Sendable {
    private struct State {
        var chunks: [[UInt8]] = []
        var head = 0
        var buffered = 0
        var reading = true
        var finished = false
        var aborted = false
        var endReason = "connection closed"
        var readerWaiter: CheckedContinuation<Void, Never>?
        var writableWaiters: [CheckedContinuation<Bool, Never>] = []
        var task: Task<Void, Never>?

        var isEnded: Bool { aborted || (finished && head == chunks.count) }

        mutating func takeReader() -> CheckedContinuation<Void, Never>? {
            let w = readerWaiter
            readerWaiter = nil
            return w
        }
    }

    private let state = Mutex(State())
    private let lowWaterBytes: Int
    private let maxFrameBytes: Int

    init(lowWaterBytes: Int, maxFrameBytes: Int) {
        self.lowWaterBytes = lowWaterBytes
        self.maxFrameBytes = maxFrameBytes
    }

    /// Starts delivering to `inbound`; the task ends when the pipe ends.
    func start(deliveringTo inbound: any RPCConnectionInbound) {
        let task = Task { await self.run(inbound) }
        state.withLock { $0.task = task }
    }

    var bufferedBytes: Int { state.withLock { $0.buffered } }

    func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let reader = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard !s.finished && !s.aborted else { return nil }
            s.chunks.append(bytes)
            s.buffered += bytes.count
            return s.takeReader()
        }
        reader?.resume()
    }

    func waitUntilWritable() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let now: Bool? = state.withLock { s in
                if s.aborted || s.finished { return false }
                if s.buffered < lowWaterBytes { return true }
                s.writableWaiters.append(continuation)
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    func setReading(_ enabled: Bool) {
        let reader = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.reading = enabled
            return enabled ? s.takeReader() : nil
        }
        reader?.resume()
    }

    /// The writer closed: deliver what is queued, then tell the reader.
    func finish(reason: String) { end(abort: false, reason: reason) }

    /// The connection broke: deliver nothing more, tell the reader now.
    func abort(reason: String) { end(abort: true, reason: reason) }

    private func end(abort: Bool, reason: String) {
        let (reader, writers) = state.withLock {
            s -> (CheckedContinuation<Void, Never>?, [CheckedContinuation<Bool, Never>]) in
            if s.aborted || (s.finished && !abort) { return (nil, []) }
            if !s.finished { s.endReason = reason }
            s.finished = true
            if abort { s.aborted = true }
            let w = s.writableWaiters
            s.writableWaiters = []
            return (s.takeReader(), w)
        }
        reader?.resume()
        for w in writers { w.resume(returning: false) }
    }

    private enum Next {
        case chunk([UInt8])
        case end(String)
    }

    /// Waits for a chunk to deliver (while reading is enabled) or for the end.
    private func next(needChunk: Bool) async -> Next? {
        while true {
            let result: Next?? = state.withLock { s in
                if s.aborted || (needChunk && s.finished && s.head == s.chunks.count) {
                    return .some(.end(s.endReason))
                }
                if !needChunk && (s.reading || s.finished) { return .some(nil) }
                if needChunk && s.reading && s.head < s.chunks.count {
                    let chunk = s.chunks[s.head]
                    s.chunks[s.head] = []
                    s.head += 1
                    if s.head == s.chunks.count {
                        s.chunks.removeAll(keepingCapacity: true)
                        s.head = 0
                    }
                    return .some(.chunk(chunk))
                }
                return nil
            }
            if let result { return result }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    let ready =
                        s.aborted || (needChunk ? (s.finished && s.head == s.chunks.count) : s.finished)
                        || (s.reading && (!needChunk || s.head < s.chunks.count))
                    if ready { return true }
                    s.readerWaiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    private func consumed(_ count: Int) {
        let writers = state.withLock { s -> [CheckedContinuation<Bool, Never>] in
            s.buffered -= count
            guard s.buffered < lowWaterBytes else { return [] }
            let w = s.writableWaiters
            s.writableWaiters = []
            return w
        }
        for w in writers { w.resume(returning: true) }
    }

    private func run(_ inbound: any RPCConnectionInbound) async {
        var decoder = FrameDecoder(maxFrameBytes: maxFrameBytes)
        var broken = false
        loop: while true {
            guard let next = await next(needChunk: true) else { continue }
            switch next {
            case .end(let reason):
                inbound.connectionClosed(reason: reason)
                break loop
            case .chunk(let chunk):
                if !broken {
                    decoder.append(chunk)
                    do {
                        while true {
                            if case .end? = await self.next(needChunk: false) { break }
                            guard let frame = try decoder.nextFrame() else { break }
                            inbound.receive(frame: frame)
                        }
                    } catch {
                        broken = true
                        inbound.receive(frameError: error)
                    }
                }
                consumed(chunk.count)
            }
        }
        state.withLock { $0.task = nil }
    }
}

import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where a logger's lines go: straight to a descriptor with one `write(2)` per line, or
/// (`buffered`) into memory, from which a writer queue writes, `delay` (25 ms: each batch costs
/// a timer and two thread wake-ups, a few percent of a busy server's CPU at 5 ms) after the first line
/// of a batch, everything gathered meanwhile in one call: the threads logging never wait for
/// the file or the pipe, and under load one system call and one wake-up carry many lines.
///
/// A buffered sink holds at most `capacity` bytes; lines that do not fit are dropped and
/// counted, and the count is written as a `log.dropped` line when space returns. Lines still
/// in memory are lost if the process is killed; `flush()` writes them (call it before exit).
final class LogSink: Sendable {
    private struct State {
        var pending: [UInt8] = []
        var scheduled = false
        var dropped = 0
    }

    let descriptor: Int32
    let buffered: Bool
    let capacity: Int
    let delay: DispatchTimeInterval
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "LogSink.writer")

    init(descriptor: Int32, buffered: Bool, capacity: Int = 8 << 20, delay: DispatchTimeInterval = .milliseconds(25)) {
        self.descriptor = descriptor
        self.buffered = buffered
        self.capacity = capacity
        self.delay = delay
    }

    /// Writes (or queues) one complete line.
    func append(_ line: [UInt8]) {
        guard buffered else {
            Self.writeAll(line, to: descriptor)
            return
        }
        let schedule = state.withLock { s -> Bool in
            guard s.pending.count + line.count <= capacity else {
                s.dropped += 1
                return false
            }
            if s.pending.isEmpty { s.pending.reserveCapacity(64 << 10) }
            s.pending += line
            guard !s.scheduled else { return false }
            s.scheduled = true
            return true
        }
        if schedule { queue.asyncAfter(deadline: .now() + delay) { self.drain() } }
    }

    /// Writes every queued line before returning.
    func flush() {
        guard buffered else { return }
        queue.sync { self.drain() }
    }

    /// Writes what is queued until nothing is left (on the writer queue).
    private func drain() {
        while true {
            let taken: (bytes: [UInt8], dropped: Int)? = state.withLock { s in
                guard !s.pending.isEmpty || s.dropped > 0 else {
                    s.scheduled = false
                    return nil
                }
                var bytes: [UInt8] = []
                swap(&bytes, &s.pending)
                defer { s.dropped = 0 }
                return (bytes, s.dropped)
            }
            guard let taken else { return }
            Self.writeAll(taken.bytes, to: descriptor)
            if taken.dropped > 0 {
                Self.writeAll(Array("level=warning event=log.dropped lines=\(taken.dropped)\n".utf8), to: descriptor)
            }
        }
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

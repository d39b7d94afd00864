import CEpoll

/// Frames waiting to be sent on one connection: a list of byte arrays, no copy on append.
///
/// `send` coalesces small frames into the loop's shared write buffer so a turn's worth of
/// responses leaves in one `send`; a large frame is sent straight from its own storage.
struct OutboundQueue {
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var headOffset = 0
    /// Bytes queued and not yet sent.
    private(set) var bytes = 0
    /// The server-wide count this queue's bytes are part of, if any.
    let budget: OutboundBudget?

    /// An empty queue whose bytes count against `budget`.
    init(budget: OutboundBudget? = nil) {
        self.budget = budget
    }

    /// Chunks at least this large are sent from their own storage rather than copied.
    private static let directThreshold = 16 * 1024

    /// True when nothing is queued.
    var isEmpty: Bool { bytes == 0 }

    /// Queues `chunk`.
    mutating func append(_ chunk: [UInt8]) {
        chunks.append(chunk)
        bytes += chunk.count
        budget?.add(chunk.count)
    }

    /// Drops everything queued (the connection closed).
    mutating func removeAll() {
        budget?.subtract(bytes)
        chunks = []
        head = 0
        headOffset = 0
        bytes = 0
    }

    /// One `send` of as much as fits. Returns the bytes sent (or -errno) and how many were
    /// offered: fewer sent than offered means the socket buffer is full.
    mutating func send(fd: Int32, scratch: UnsafeMutableRawBufferPointer) -> (sent: Int, offered: Int) {
        let remainingInHead = chunks[head].count - headOffset
        let result: Int
        let offered: Int
        if remainingInHead >= Self.directThreshold || head == chunks.count - 1 {
            offered = remainingInHead
            let offset = headOffset
            result = chunks[head].withUnsafeBytes { raw in
                cepoll_send(fd, raw.baseAddress! + offset, remainingInHead)
            }
        } else {
            offered = gather(into: scratch)
            result = cepoll_send(fd, scratch.baseAddress!, offered)
        }
        if result > 0 { consume(result) }
        return (result, offered)
    }

    /// Copies queued small chunks into `scratch`, stopping before a large one. Returns the
    /// byte count copied.
    private func gather(into scratch: UnsafeMutableRawBufferPointer) -> Int {
        var filled = 0
        var index = head
        var offset = headOffset
        while index < chunks.count && filled < scratch.count {
            let available = chunks[index].count - offset
            if available >= Self.directThreshold && filled > 0 { break }
            let take = min(available, scratch.count - filled)
            chunks[index].withUnsafeBytes { raw in
                (scratch.baseAddress! + filled).copyMemory(from: raw.baseAddress! + offset, byteCount: take)
            }
            filled += take
            if take < available { break }
            index += 1
            offset = 0
        }
        return filled
    }

    private mutating func consume(_ sent: Int) {
        bytes -= sent
        budget?.subtract(sent)
        var left = sent
        while left > 0 {
            let available = chunks[head].count - headOffset
            if left < available {
                headOffset += left
                return
            }
            left -= available
            head += 1
            headOffset = 0
        }
        if head == chunks.count {
            chunks.removeAll(keepingCapacity: chunks.capacity <= 64)
            head = 0
        } else if head >= 64 && head * 2 >= chunks.count {
            chunks.removeFirst(head)
            head = 0
        }
    }
}

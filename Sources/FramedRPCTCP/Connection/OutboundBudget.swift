import Synchronization

/// The bytes every connection of one server has queued for its peer and not yet handed to the
/// kernel, against a server-wide limit (WIRE.md §10.4, §15).
///
/// Each connection's `OutboundQueue` adds what it queues and subtracts what it sends or drops,
/// so the count is exact whatever path a connection closes by. While it is over `limit`, a
/// connection whose peer is not keeping up (its socket is full and it holds at least the
/// high-water mark) is closed when it queues more: one slow client cannot make the server
/// hold the memory of many, and many slow clients together cannot pass the budget by more
/// than what was queued in the meantime.
///
/// ```swift
/// let budget = OutboundBudget(limit: 128 << 20)
/// budget.add(frame.count)        // queued
/// budget.subtract(sent)          // handed to the kernel
/// if budget.isSpent { /* close a connection that is not reading */ }
/// ```
final class OutboundBudget: Sendable {
    /// Most bytes all connections together may hold queued.
    let limit: Int
    private let used = Atomic<Int>(0)

    /// A budget of `limit` bytes.
    init(limit: Int) {
        self.limit = limit
    }

    /// Bytes queued on every connection now.
    var bytes: Int { used.load(ordering: .relaxed) }

    /// True while more than `limit` bytes are queued.
    var isSpent: Bool { bytes > limit }

    /// Counts `count` more queued bytes.
    func add(_ count: Int) { used.wrappingAdd(count, ordering: .relaxed) }

    /// Counts `count` queued bytes gone (sent or dropped).
    func subtract(_ count: Int) { used.wrappingSubtract(count, ordering: .relaxed) }
}

/// A min-heap of timers keyed by monotonic nanoseconds, owned by one event loop thread.
///
/// Ties fire in scheduling order. Cancelled timers stay in the heap until they come up and
/// are then skipped (lazy deletion), which keeps `cancel` O(1).
struct TimerHeap {
    private struct Entry {
        var deadline: UInt64
        var id: UInt64
        var action: () -> Void

        func fires(before other: Entry) -> Bool {
            deadline < other.deadline || (deadline == other.deadline && id < other.id)
        }
    }

    private var entries: [Entry] = []
    private var cancelled: Set<UInt64> = []
    private var nextID: UInt64 = 1

    /// Number of timers scheduled and not yet fired (cancelled ones included until skipped).
    var count: Int { entries.count }

    /// The earliest deadline, or `nil` when nothing is scheduled.
    var nextDeadline: UInt64? { entries.first?.deadline }

    /// Schedules `action` at `deadline` (monotonic ns); returns an id for `cancel`.
    mutating func schedule(at deadline: UInt64, _ action: @escaping () -> Void) -> UInt64 {
        let id = nextID
        nextID &+= 1
        entries.append(Entry(deadline: deadline, id: id, action: action))
        siftUp(entries.count - 1)
        return id
    }

    /// Cancels a timer that has not fired yet.
    mutating func cancel(_ id: UInt64) {
        if id < nextID { cancelled.insert(id) }
    }

    /// Removes and returns the next action due at or before `now`, skipping cancelled ones.
    mutating func popDue(now: UInt64) -> (() -> Void)? {
        while let first = entries.first, first.deadline <= now {
            let entry = removeFirst()
            if !cancelled.isEmpty, cancelled.remove(entry.id) != nil { continue }
            return entry.action
        }
        return nil
    }

    /// Drops every timer (loop shutdown).
    mutating func removeAll() {
        entries.removeAll()
        cancelled.removeAll()
    }

    private mutating func removeFirst() -> Entry {
        let first = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].fires(before: entries[parent]) else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let n = entries.count
        while true {
            let left = 2 * parent + 1
            guard left < n else { return }
            var best = left
            if left + 1 < n, entries[left + 1].fires(before: entries[left]) { best = left + 1 }
            guard entries[best].fires(before: entries[parent]) else { return }
            entries.swapAt(best, parent)
            parent = best
        }
    }
}

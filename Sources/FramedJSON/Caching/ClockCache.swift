/// A map that keeps at most `capacity` entries and, when full, evicts one entry per insert by
/// the CLOCK rule: a hand sweeps the entries in turn, sparing (and unmarking) those read since
/// it last passed and evicting the first it finds unread.
///
/// Every entry it can hold it keeps: a working set of up to `capacity` keys, read in any
/// order, is never evicted, and when more keys than that are read, the ones read again
/// between two passes of the hand stay. (Two generations dropped whole, the rule this replaces,
/// kept as few as `capacity / 2` and dropped entries still in use.) Eviction costs a few steps
/// of the hand per insert, one entry at a time; what leaves is handed back so that a caller
/// holding a lock releases it after letting the lock go.
///
/// Not synchronised: it lives inside its owner's `Mutex` (the answer memo's, the store's record
/// cache's), the lowest module both use.
///
/// ```swift
/// var cache = ClockCache<String, Int>(capacity: 2)
/// cache.insert(1, for: "a"); cache.insert(2, for: "b")
/// _ = cache.value(for: "a")                      // "a" is marked read
/// let evicted = cache.insert(3, for: "c")        // the hand spares "a", evicts "b": 2
/// ```
public struct ClockCache<Key: Hashable, Value> {
    @usableFromInline struct Entry {
        @usableFromInline var key: Key
        @usableFromInline var value: Value

        @inlinable init(key: Key, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// Entries by position; `nil` where one was removed (its position is in `vacant`).
    @usableFromInline var entries: [Entry?] = []
    /// Whether the entry at each position was read since the hand last passed: apart from the
    /// entries, so that marking one is a store of one byte.
    @usableFromInline var read: [Bool] = []
    @usableFromInline var positions: [Key: Int] = [:]
    @usableFromInline var vacant: [Int] = []
    @usableFromInline var hand = 0

    /// The most entries kept at once (0: nothing is kept).
    public let capacity: Int

    /// Creates an empty cache keeping at most `capacity` entries (0 or less: none).
    @inlinable public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The number of entries kept now.
    @inlinable public var count: Int { positions.count }

    /// The value kept for `key`, marking it read (the hand spares it once); `nil` when none is.
    @inlinable public mutating func value(for key: Key) -> Value? {
        guard let position = positions[key] else { return nil }
        read[position] = true
        return entries[position]?.value
    }

    /// Keeps `value` for `key` and returns what left the cache for it: the value `key` had, or
    /// the entry evicted to make room; release it where no lock is held. Nothing is kept when
    /// `capacity` is 0.
    ///
    /// `stillInUse` is asked, for each unread entry the hand reaches, whether it was used
    /// where the cache could not mark it (an owner's lock-free path); answering true spares
    /// it like a read, and the answer should reset whatever it reads.
    @inlinable @discardableResult
    public mutating func insert(
        _ value: Value, for key: Key, stillInUse: (Value) -> Bool = { _ in false }
    ) -> Value? {
        guard capacity > 0 else { return nil }
        if let position = positions[key] {
            let replaced = entries[position]?.value
            entries[position] = Entry(key: key, value: value)
            read[position] = true
            return replaced
        }
        var evicted: Value?
        let position: Int
        if let free = vacant.popLast() {
            position = free
        } else if entries.count < capacity {
            entries.append(nil)
            read.append(false)
            position = entries.count - 1
        } else {
            position = nextVictim(stillInUse)
            if let victim = entries[position].take() {
                positions[victim.key] = nil
                evicted = victim.value
            }
        }
        entries[position] = Entry(key: key, value: value)
        read[position] = false
        positions[key] = position
        return evicted
    }

    /// Forgets `key`; returns its value, to release where no lock is held.
    @inlinable @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        guard let position = positions.removeValue(forKey: key) else { return nil }
        let removed = entries[position]?.value
        entries[position] = nil
        vacant.append(position)
        return removed
    }

    /// Forgets every entry; returns them, as a cache, to release where no lock is held.
    @inlinable public mutating func removeAll() -> ClockCache {
        let all = self
        self = ClockCache(capacity: capacity)
        return all
    }

    /// The position of the entry to evict: the first the hand finds unread and not in use,
    /// unmarking the others on its way; after two whole turns `stillInUse` is no longer asked,
    /// so the sweep ends whatever it answers. Called only when every position holds an entry.
    @inlinable mutating func nextVictim(_ stillInUse: (Value) -> Bool) -> Int {
        var steps = 0
        while true {
            let position = hand
            hand = hand + 1 == entries.count ? 0 : hand + 1
            steps += 1
            if read[position] {
                read[position] = false
            } else if steps > 2 * entries.count || entries[position].map({ !stillInUse($0.value) }) ?? true {
                return position
            }
        }
    }
}

extension ClockCache: Sendable where Key: Sendable, Value: Sendable {}
extension ClockCache.Entry: Sendable where Key: Sendable, Value: Sendable {}

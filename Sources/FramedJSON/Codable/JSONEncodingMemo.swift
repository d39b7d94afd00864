public import Synchronization

/// Remembers the encoded bytes of the values of one type most recently written under each
/// identity, so that writing an equal value again copies bytes instead of running its
/// `encode(to:)`: what `JSONStreamEncoder` consults for a `JSONMemoizedEncodable` value.
///
/// An entry is used only when the value being written is equal (`==`) to the one remembered
/// under the same identity; a value that changed (a new etag, a new state) is encoded again and
/// replaces the entry. Encoding is a function of the value, so a hit writes exactly the bytes a
/// miss would. At most `capacity` identities are remembered: entries live in two generations,
/// the older dropped whole when the younger fills, so a value read again within the last
/// `capacity / 2` distinct identities stays remembered; evicted entries are released outside
/// the lock. A value with shared storage (`memoSlot`) finds its entry there first, without
/// the lookup by identity; an entry found that way stays in its generation. Cost per entry:
/// the value (its strings are shared with the copies it was made from) and its bytes.
///
/// ```swift
/// static let encodingMemo = JSONEncodingMemo<Customer>(capacity: 4096)
/// ```
public final class JSONEncodingMemo<Value: JSONMemoizedEncodable>: Sendable {
    /// One remembered encoding (a class: a lookup copies one reference, not the value).
    @usableFromInline final class Entry: Sendable {
        @usableFromInline let value: Value
        @usableFromInline let bytes: [UInt8]

        @usableFromInline init(value: Value, bytes: [UInt8]) {
            self.value = value
            self.bytes = bytes
        }
    }

    /// The two generations of entries, by identity, and the capacity they share.
    @usableFromInline struct State: Sendable {
        @usableFromInline var young: [String: Entry] = [:]
        @usableFromInline var old: [String: Entry] = [:]
        @usableFromInline var capacity: Int

        @usableFromInline init(capacity: Int) { self.capacity = capacity }
    }

    @usableFromInline let state: Mutex<State>

    /// Creates an empty memo holding at most `capacity` identities (0: remembers nothing).
    public init(capacity: Int) {
        state = Mutex(State(capacity: Self.bounded(capacity)))
    }

    /// The most identities remembered at once.
    public var capacity: Int {
        state.withLock { $0.capacity }
    }

    /// The number of identities remembered now.
    public var count: Int {
        state.withLock { $0.young.count + $0.old.count }
    }

    /// Forgets every entry and holds at most `capacity` identities from now on (0: none); the
    /// operator's size for the memo, set once at start.
    public func resize(capacity: Int) {
        let dropped = state.withLock { state in
            defer { state = State(capacity: Self.bounded(capacity)) }
            return (state.young, state.old)
        }
        _ = dropped  // released here, outside the lock
    }

    /// The bytes remembered for `value`, or `nil` when its identity is unknown or the value
    /// remembered for it differs. Inlinable so that each conforming type's copy compares its
    /// values directly (generic code would copy the value to compare it).
    @inlinable func bytes(for value: Value) -> [UInt8]? {
        let slot = value.memoSlot
        if let entry = slot?.entry as? Entry, entry.value == value { return entry.bytes }
        let key = value.memoKey
        var dropped: [String: Entry] = [:]
        let found = state.withLock { state -> Entry? in
            if let entry = state.young[key] { return entry }
            guard let entry = state.old.removeValue(forKey: key) else { return nil }
            dropped = Self.insert(entry, for: key, into: &state)
            return entry
        }
        _ = dropped  // released here, outside the lock
        guard let entry = found else { return nil }
        guard entry.value == value else { return nil }
        slot?.entry = entry
        return entry.bytes
    }

    /// Remembers `bytes` as the encoding of `value`, replacing what its identity had.
    @inlinable func remember(_ value: Value, bytes: [UInt8]) {
        let key = value.memoKey
        let entry = Entry(value: value, bytes: bytes)
        let (kept, dropped) = state.withLock { state -> (Bool, [String: Entry]) in
            guard state.capacity > 0 else { return (false, [:]) }
            if !state.old.isEmpty { state.old.removeValue(forKey: key) }
            return (true, Self.insert(entry, for: key, into: &state))
        }
        if kept { value.memoSlot?.entry = entry }
        _ = dropped  // released here, outside the lock
    }

    /// Puts an entry in the young generation, retiring the young one to old when it holds half
    /// the capacity; returns the old generation so the caller releases it outside the lock.
    @usableFromInline static func insert(_ entry: Entry, for key: String, into state: inout State) -> [String: Entry] {
        var dropped: [String: Entry] = [:]
        if state.young[key] == nil, state.young.count >= max(1, state.capacity / 2) {
            dropped = state.old
            state.old = state.young
            state.young = [:]
        }
        state.young[key] = entry
        return dropped
    }

    /// A capacity of at least 2 (one per generation), or 0.
    private static func bounded(_ capacity: Int) -> Int {
        capacity <= 0 ? 0 : max(2, capacity)
    }
}

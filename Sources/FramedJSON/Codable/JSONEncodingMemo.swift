public import Synchronization

/// Remembers the encoded bytes of the values of one type most recently written under each
/// identity, so that writing an equal value again copies bytes instead of running its
/// `encode(to:)`: what `JSONStreamEncoder` consults for a `JSONMemoizedEncodable` value.
///
/// An entry is used only when the value being written is equal (`==`) to the one remembered
/// under the same identity; a value that changed (a new etag, a new state) is encoded again and
/// replaces the entry. Encoding is a function of the value, so a hit writes exactly the bytes a
/// miss would. At most `capacity` identities are remembered, evicted one at a time by the CLOCK
/// rule (`ClockCache`): as many as the capacity allows stay, and an entry used since the last
/// sweep survives the next; evicted entries are released outside the lock. A value with shared
/// storage (`memoSlot`) finds its entry there first, without the lookup by identity or the
/// lock; such a use marks the entry itself, and the sweep spares it too. An equal value found
/// by identity in other storage takes the entry's place (`adopt`), so that its slot's entry
/// holds its own storage. Cost per entry: the value (its strings are shared with the copies it
/// was made from) and its bytes.
///
/// ```swift
/// static let encodingMemo = JSONEncodingMemo<Customer>(capacity: 4096)
/// ```
public final class JSONEncodingMemo<Value: JSONMemoizedEncodable>: Sendable {
    /// One remembered encoding (a class: a lookup copies one reference, not the value).
    @usableFromInline final class Entry: Sendable {
        @usableFromInline let value: Value
        @usableFromInline let bytes: [UInt8]
        /// Used through a value's slot since the sweep last asked (the cache cannot see those).
        @usableFromInline let usedThroughSlot = Atomic<Bool>(false)

        @usableFromInline init(value: Value, bytes: [UInt8]) {
            self.value = value
            self.bytes = bytes
        }
    }

    /// The entries, by identity.
    @usableFromInline struct State: Sendable {
        @usableFromInline var entries: ClockCache<String, Entry>

        @usableFromInline init(capacity: Int) { entries = ClockCache(capacity: capacity) }
    }

    @usableFromInline let state: Mutex<State>

    /// Creates an empty memo holding at most `capacity` identities (0: remembers nothing).
    public init(capacity: Int) {
        state = Mutex(State(capacity: capacity))
    }

    /// The most identities remembered at once.
    public var capacity: Int {
        state.withLock { $0.entries.capacity }
    }

    /// The number of identities remembered now.
    public var count: Int {
        state.withLock { $0.entries.count }
    }

    /// Forgets every entry and holds at most `capacity` identities from now on (0: none); the
    /// operator's size for the memo, set once at start.
    public func resize(capacity: Int) {
        let dropped = state.withLock { state in
            defer { state = State(capacity: capacity) }
            return state.entries
        }
        _ = dropped  // released here, outside the lock
    }

    /// The bytes remembered for `value`, or `nil` when its identity is unknown or the value
    /// remembered for it differs. Inlinable so that each conforming type's copy compares its
    /// values directly (generic code would copy the value to compare it).
    @inlinable func bytes(for value: Value) -> [UInt8]? {
        let slot = value.memoSlot
        if let entry = slot?.entry as? Entry, entry.value == value {
            if !entry.usedThroughSlot.load(ordering: .relaxed) { entry.usedThroughSlot.store(true, ordering: .relaxed) }
            return entry.bytes
        }
        let key = value.memoKey
        guard let entry = state.withLock({ $0.entries.value(for: key) }) else { return nil }
        guard entry.value == value else { return nil }
        if let slot { adopt(entry, for: value, key: key, slot: slot) }
        return entry.bytes
    }

    /// Puts `value`, equal to `entry`'s but in other storage (a customer read again from the
    /// store, where the entry holds the one a create answered), in the entry's place with the
    /// same bytes, and points its slot there: its later writes then find an entry holding
    /// their own storage, equal without comparing fields. One allocation and one lock, once
    /// per storage.
    @usableFromInline func adopt(_ entry: Entry, for value: Value, key: String, slot: JSONEncodingMemoSlot) {
        let own = Entry(value: value, bytes: entry.bytes)
        let dropped = state.withLock { state -> Entry? in
            // Only while the entry found is still the one there: a newer state stays.
            guard state.entries.value(for: key) === entry else { return nil }
            return state.entries.insert(own, for: key, stillInUse: Self.wasUsedThroughSlot)
        }
        if dropped === entry { slot.entry = own }
        _ = dropped  // released here, outside the lock
    }

    /// Remembers `bytes` as the encoding of `value`, replacing what its identity had.
    @inlinable func remember(_ value: Value, bytes: [UInt8]) {
        let key = value.memoKey
        let entry = Entry(value: value, bytes: bytes)
        let (kept, dropped) = state.withLock { state -> (Bool, Entry?) in
            guard state.entries.capacity > 0 else { return (false, nil) }
            return (true, state.entries.insert(entry, for: key, stillInUse: Self.wasUsedThroughSlot))
        }
        if kept { value.memoSlot?.entry = entry }
        _ = dropped  // released here, outside the lock
    }

    /// Whether `entry` was used through a slot since the sweep last asked; asking resets it.
    @usableFromInline static func wasUsedThroughSlot(_ entry: Entry) -> Bool {
        entry.usedThroughSlot.exchange(false, ordering: .relaxed)
    }
}

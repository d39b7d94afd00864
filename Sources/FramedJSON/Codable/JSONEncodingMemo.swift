import Synchronization

/// Remembers the encoded bytes of the values of one type most recently written under each
/// identity, so that writing an equal value again copies bytes instead of running its
/// `encode(to:)`: what `JSONStreamEncoder` consults for a `JSONMemoizedEncodable` value.
///
/// An entry is used only when the value being written is equal (`==`) to the one remembered
/// under the same identity; a value that changed (a new etag, a new state) is encoded again and
/// replaces the entry. Encoding is a function of the value, so a hit writes exactly the bytes a
/// miss would. At most `capacity` identities are remembered: entries live in two generations,
/// the older dropped whole when the younger fills, so a value read again within the last
/// `capacity / 2` distinct identities stays remembered. Cost per entry: the value (its strings
/// are shared with the copies it was made from) and its bytes.
///
/// ```swift
/// static let encodingMemo = JSONEncodingMemo<Customer>(capacity: 4096)
/// ```
public final class JSONEncodingMemo<Value: JSONMemoizedEncodable>: Sendable {
    /// One remembered encoding (a class: a lookup copies one reference, not the value).
    final class Entry: Sendable {
        let value: Value
        let bytes: [UInt8]

        init(value: Value, bytes: [UInt8]) {
            self.value = value
            self.bytes = bytes
        }
    }

    /// The two generations of entries, by identity (entries are `Entry`; held as `AnyObject`
    /// so the tables' code is not generic).
    struct State: @unchecked Sendable {
        var young: [String: AnyObject] = [:]
        var old: [String: AnyObject] = [:]
    }

    /// The most identities remembered at once.
    public let capacity: Int
    private let state = Mutex(State())

    /// Creates an empty memo holding at most `capacity` identities (at least 2).
    public init(capacity: Int) {
        self.capacity = max(2, capacity)
    }

    /// The bytes remembered for `value`, or `nil` when its identity is unknown or the value
    /// remembered for it differs.
    func bytes(for value: UnsafePointer<Value>) -> [UInt8]? {
        let key = value.pointee.memoKey
        let found = state.withLock { state -> AnyObject? in
            if let entry = state.young[key] { return entry }
            guard let entry = state.old.removeValue(forKey: key) else { return nil }
            Self.insert(entry, for: key, into: &state, capacity: capacity)
            return entry
        }
        guard let found else { return nil }
        let entry = unsafeDowncast(found, to: Entry.self)
        guard entry.value == value.pointee else { return nil }
        return entry.bytes
    }

    /// Remembers `bytes` as the encoding of `value`, replacing what its identity had.
    func remember(_ value: Value, bytes: [UInt8]) {
        let key = value.memoKey
        state.withLock { state in
            if !state.old.isEmpty { state.old.removeValue(forKey: key) }
            Self.insert(Entry(value: value, bytes: bytes), for: key, into: &state, capacity: capacity)
        }
    }

    /// The number of identities remembered now.
    public var count: Int {
        state.withLock { $0.young.count + $0.old.count }
    }

    /// Puts an entry in the young generation, retiring it to old (and dropping the old) when
    /// the young one holds half the capacity.
    private static func insert(_ entry: AnyObject, for key: String, into state: inout State, capacity: Int) {
        if state.young[key] == nil, state.young.count >= capacity / 2 {
            state.old = state.young
            state.young = [:]
        }
        state.young[key] = entry
    }
}

import Synchronization

/// Where a value's shared storage (the box of a copy-on-write message) remembers its entry in
/// the type's `JSONEncodingMemo`: writing the value again finds the entry with one weak load
/// instead of a lookup by identity. The reference is weak, so an entry the memo drops is freed
/// as before and the memo's capacity still bounds the bytes kept; the entry is used only for a
/// value equal to the one it remembers, so a slot left pointing at an older state is harmless.
///
/// ```swift
/// final class Box { var fields: Fields; let memoSlot = JSONEncodingMemoSlot() }
/// public var memoSlot: JSONEncodingMemoSlot? { box.memoSlot }
/// ```
public final class JSONEncodingMemoSlot: Sendable {
    private struct Weak {
        weak var entry: (any AnyObject & Sendable)?
    }

    private let state = Mutex(Weak())

    /// Creates an empty slot.
    public init() {}

    /// The entry last stored, while the memo keeps it.
    @usableFromInline var entry: (any AnyObject & Sendable)? {
        get { state.withLock { $0.entry } }
        set { state.withLock { $0.entry = newValue } }
    }
}

/// Durable, transactional storage for `StoredRecord`s: the only seam between the domain and a
/// database.
///
/// Promises every implementation keeps:
/// - `write` runs `body` in one serializable transaction. If `body` throws, none of its changes
///   are kept and the error is rethrown. If it returns, its changes are durable (fsync'd, or the
///   implementation's equivalent) before `write` returns. Writes never interleave: the body sees
///   the effects of every write that returned before it started and of none that run after.
/// - `read` runs `body` against a consistent committed snapshot.
/// - Bodies are synchronous and must not block on anything but the transaction they are given;
///   do the async work (network, clocks with waits) before or after.
///
/// ```swift
/// let renamed = try await store.write { tx in
///     guard var customer = try tx.get(Customer.self, id: id) else { throw DomainError.notFound(...) }
///     customer.displayName = newName
///     try tx.put(customer)
///     return customer
/// }
/// ```
public protocol RecordStore: Sendable {
    /// Runs `body` against a committed snapshot.
    /// - Throws: what `body` throws, or `StoreError` when the store cannot be read.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T

    /// Runs `body` in one atomic, durable transaction (see the type's promises).
    /// - Throws: what `body` throws (its changes discarded), or `StoreError` when the commit
    ///   failed (nothing kept).
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T

    /// Lets the writes already begun finish, then releases the store's connections and files;
    /// later calls fail with `StoreError` (unavailable).
    func close() async
}

extension RecordStore {
    /// Nothing to release (in-memory stores, wrappers that do not own their base).
    public func close() async {}
}

/// Reading records inside a transaction or snapshot.
public protocol StoreReading {
    /// The record of `type` with `id`, or `nil`.
    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R?

    /// The record of `type` holding unique key `key`, or `nil`.
    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R?

    /// Records of `type` owned by `partnerId`, ordered by id ascending, starting after id
    /// `after` (exclusive) when given, at most `limit` of them. When `lookupKey` is given only
    /// records carrying that lookup key are returned.
    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R]
}

/// Changing records inside a write transaction.
public protocol StoreWriting: StoreReading {
    /// Inserts the record, or replaces the one with the same kind and id.
    /// - Throws: `StoreError.duplicateKey` when another record of the kind holds one of its
    ///   unique keys.
    func put<R: StoredRecord>(_ record: R) throws

    /// Removes the record of `type` with `id`; removing a missing record does nothing.
    func delete<R: StoredRecord>(_ type: R.Type, id: String) throws

    /// The next value (1, 2, 3, ...) of the named counter; durable with the transaction.
    func nextSequence(_ name: String) throws -> Int64

    /// Puts the record `make` builds from the next value of the named counter (a feed entry
    /// numbered 1, 2, 3, ... in commit order). The same as `put(make(nextSequence(name)))`,
    /// except that a store may draw the value and build the record only when the transaction
    /// commits, so the counter is held for the commit alone (the PostgreSQL store does): the
    /// body must not read the record back, nor count on when `make` runs.
    /// - Throws: what `put` throws (a PostgreSQL store throws it from the commit instead).
    func putNumbered<R: StoredRecord>(counter name: String, _ make: @escaping (Int64) -> R) throws
}

extension StoreWriting {
    /// Draws the value now and puts the record at once.
    public func putNumbered<R: StoredRecord>(counter name: String, _ make: @escaping (Int64) -> R) throws {
        try put(make(try nextSequence(name)))
    }
}

/// Why the store failed, apart from what a transaction body threw.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Wrapped: Sendable, Hashable { case duplicateKey, unavailable, corrupt, incompatibleSchema }
        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }
        /// A unique key is already held by another record.
        public static let duplicateKey = Code(.duplicateKey)
        /// The storage cannot be used now (disk full, read-only, I/O error, closed).
        public static let unavailable = Code(.unavailable)
        /// Stored data could not be decoded.
        public static let corrupt = Code(.corrupt)
        /// The data was written by a newer schema than this binary understands.
        public static let incompatibleSchema = Code(.incompatibleSchema)
        /// The code's name.
        public var description: String { "\(wrapped)" }
    }

    /// The kind of failure.
    public var code: Code
    /// A plain-words message safe to show a caller.
    public var message: String
    /// For `duplicateKey`: the unique key that clashed.
    public var key: String?

    /// Creates an error.
    public init(code: Code, message: String, key: String? = nil) {
        self.code = code
        self.message = message
        self.key = key
    }

    /// A duplicate unique key.
    public static func duplicateKey(_ key: String) -> StoreError {
        StoreError(code: .duplicateKey, message: "unique key \(key) is already taken", key: key)
    }

    /// "<code>: <message>".
    public var description: String { "\(code): \(message)" }
}

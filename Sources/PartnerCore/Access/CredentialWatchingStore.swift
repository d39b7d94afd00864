/// A `RecordStore` that empties a `TokenCache` after every committed write that put or deleted
/// an `ApiToken` or an `Agent`, before the write returns, so the next call authenticates
/// against the new state (revocation, disabling, role changes). Everything else passes through
/// unchanged.
///
/// ```swift
/// let cache = TokenCache()
/// let store: any RecordStore = CredentialWatchingStore(base: sqliteStore, cache: cache)
/// // hand `store` to everything that writes agents or tokens
/// ```
public struct CredentialWatchingStore: RecordStore {
    /// The store written through.
    public let base: any RecordStore
    /// The cache to empty.
    public let cache: TokenCache

    /// Wraps `base`, invalidating `cache`.
    public init(base: any RecordStore, cache: TokenCache) {
        self.base = base
        self.cache = cache
    }

    /// Reads from `base`.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        try await base.read(body)
    }

    /// Writes through `base`; when the body touched a token or an agent, the cache is emptied
    /// after the commit (also when the commit failed, which costs only re-reads).
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        let touched = TouchFlag()
        do {
            let result = try await base.write { tx in try body(WatchingWriter(base: tx, touched: touched)) }
            if touched.value { cache.invalidateAll() }
            return result
        } catch {
            if touched.value { cache.invalidateAll() }
            throw error
        }
    }

    static func isCredential(_ kind: RecordKind) -> Bool {
        kind == ApiToken.kind || kind == Agent.kind
    }
}

/// Set inside a write body when it touched a credential record. The body runs once, on one
/// thread, before `write` returns; the flag is read only after that.
final class TouchFlag: @unchecked Sendable {
    var value = false
}

/// A transaction that notes puts and deletes of credential records.
struct WatchingWriter: StoreWriting {
    let base: any StoreWriting
    let touched: TouchFlag

    func get<R: StoredRecord>(_ type: R.Type, id: String) throws -> R? { try base.get(type, id: id) }

    func find<R: StoredRecord>(_ type: R.Type, uniqueKey key: String) throws -> R? {
        try base.find(type, uniqueKey: key)
    }

    func list<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String?, after: String?, limit: Int
    ) throws -> [R] {
        try base.list(type, partnerId: partnerId, lookupKey: lookupKey, after: after, limit: limit)
    }

    func put<R: StoredRecord>(_ record: R) throws {
        if CredentialWatchingStore.isCredential(R.kind) { touched.value = true }
        try base.put(record)
    }

    func delete<R: StoredRecord>(_ type: R.Type, id: String) throws {
        if CredentialWatchingStore.isCredential(R.kind) { touched.value = true }
        try base.delete(type, id: id)
    }

    func nextSequence(_ name: String) throws -> Int64 { try base.nextSequence(name) }

    func putNumbered<R: StoredRecord>(counter name: String, _ make: @escaping (Int64) -> R) throws {
        if CredentialWatchingStore.isCredential(R.kind) { touched.value = true }
        try base.putNumbered(counter: name, make)
    }
}

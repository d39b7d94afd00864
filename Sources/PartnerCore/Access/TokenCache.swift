import Synchronization

/// Remembers which bearer tokens authenticated, keyed by the SHA-256 of the bearer text (the
/// token itself is never kept), so most calls authenticate without reading the store.
///
/// Correctness rests on invalidation: every committed write that puts or deletes an
/// `ApiToken` or an `Agent` calls `invalidateAll()` before the write returns to its caller
/// (`CredentialWatchingStore` does this), so a revocation, a disabled agent or changed roles
/// apply to the very next call. A lookup that raced with such a write cannot re-insert a stale
/// entry: `insert` only takes effect when no invalidation happened since the lookup began
/// (`generation`). Expiry is checked on every hit by the caller against the domain clock.
/// Entries also age out after `maxAge`, and the table is emptied when it reaches `maxEntries`.
///
/// ```swift
/// let key = TokenCache.key(for: bearer)
/// if let hit = cache.lookup(key) { ... }
/// let generation = cache.generation
/// let verified = try await store.read { tx in authenticator.verify(bearer: bearer, in: tx) }
/// cache.insert(verified, for: key, ifGeneration: generation)
/// ```
public final class TokenCache: Sendable {
    /// Most entries held; reaching it empties the table (cheap, and only costs re-reads).
    public let maxEntries: Int
    /// An entry older than this is read again from the store.
    public let maxAge: Duration

    private struct Entry {
        var token: VerifiedToken
        var storedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())

    /// A cache key: the SHA-256 of the bearer text.
    public struct Key: Sendable, Hashable {
        let a: UInt64, b: UInt64, c: UInt64, d: UInt64
    }

    /// Creates an empty cache.
    /// - Parameters:
    ///   - maxEntries: table size at which it is emptied (default 10,000).
    ///   - maxAge: how long an entry is trusted at most (default 60 s).
    public init(maxEntries: Int = 10_000, maxAge: Duration = .seconds(60)) {
        self.maxEntries = max(1, maxEntries)
        self.maxAge = maxAge
    }

    /// The key for `bearer` (SHA-256 of its UTF-8 bytes).
    public static func key(for bearer: String) -> Key {
        let digest = SHA256.hash(Array(bearer.utf8))
        func word(_ at: Int) -> UInt64 {
            var value: UInt64 = 0
            for i in at..<(at + 8) { value = value << 8 | UInt64(digest[i]) }
            return value
        }
        return Key(a: word(0), b: word(8), c: word(16), d: word(24))
    }

    /// The verified token stored under `key`, unless it is older than `maxAge`.
    public func lookup(_ key: Key) -> VerifiedToken? {
        let now = ContinuousClock.now
        let maxAge = maxAge
        return state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            guard entry.storedAt.duration(to: now) < maxAge else {
                state.entries[key] = nil
                return nil
            }
            return entry.token
        }
    }

    /// The invalidation count; read it before looking the token up in the store.
    public var generation: UInt64 { state.withLock { $0.generation } }

    /// Stores `token` under `key` unless an invalidation happened since `generation` was read.
    public func insert(_ token: VerifiedToken, for key: Key, ifGeneration generation: UInt64) {
        let now = ContinuousClock.now
        let maxEntries = maxEntries
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= maxEntries { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(token: token, storedAt: now)
        }
    }

    /// Forgets every entry and makes in-flight lookups' inserts void.
    public func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }

    /// Entries held now.
    public var count: Int { state.withLock { $0.entries.count } }
}

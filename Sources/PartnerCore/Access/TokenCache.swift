import Synchronization

/// Remembers which bearer tokens authenticated, keyed by a 128-bit keyed hash of the bearer
/// text (the token itself is never kept), so most calls authenticate without reading the store.
///
/// The key is two SipHash runs (Swift's `Hasher`) over the bearer bytes, each seeded with
/// 128 random bits drawn when the cache is made: a MAC under a key that never leaves the
/// process. Finding another text with the key of a cached token means guessing 128 bits, as
/// for the SHA-256 it replaces, at a fraction of the cost per call (the SHA-256 of the secret
/// is computed only on a miss, by `Authenticator`, and compared in constant time there).
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
/// let key = cache.key(for: bearer)
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
    /// The random seeds of the two hashes behind a key.
    private let seeds: (UInt64, UInt64, UInt64, UInt64)

    /// A cache key: a 128-bit keyed hash of the bearer text.
    public struct Key: Sendable, Hashable {
        let a: UInt64, b: UInt64
    }

    /// Creates an empty cache.
    /// - Parameters:
    ///   - maxEntries: table size at which it is emptied (default 10,000).
    ///   - maxAge: how long an entry is trusted at most (default 60 s).
    public init(maxEntries: Int = 10_000, maxAge: Duration = .seconds(60)) {
        self.maxEntries = max(1, maxEntries)
        self.maxAge = maxAge
        var random = SystemRandomNumberGenerator()
        self.seeds = (random.next(), random.next(), random.next(), random.next())
    }

    /// The key for `bearer`: two seeded SipHash runs over its UTF-8 bytes.
    public func key(for bearer: String) -> Key {
        var first = Hasher()
        first.combine(seeds.0)
        first.combine(seeds.1)
        var second = Hasher()
        second.combine(seeds.2)
        second.combine(seeds.3)
        var text = bearer
        text.withUTF8 { bytes in
            first.combine(bytes: UnsafeRawBufferPointer(bytes))
            second.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        return Key(a: UInt64(bitPattern: Int64(first.finalize())), b: UInt64(bitPattern: Int64(second.finalize())))
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

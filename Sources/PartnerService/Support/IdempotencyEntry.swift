public import PartnerCore

/// The first answer to a mutating call made with `meta.idempotencyKey`, kept so that a replay
/// by the same partner (or, for a method that needs no token, to the same method) returns it
/// unchanged for `IdempotencyEntry.lifetimeMs` (24 h), across restarts: it is written in the same
/// transaction as the change it answers. Later keyed writes of the same scope delete it once
/// expired (`IdempotencySweep`).
///
/// An entry has a time-ordered id of its own (`idem_...`) and holds its scope and key as a
/// unique key (`key(scope:key:)`), so that storing one appends to the id indexes and adds one
/// row at a random place (the key's), where an id made of the random key put it at random
/// places in two. Entries written before carry that text as their id instead;
/// `PartnerBackend` still finds them by it until they expire.
public struct IdempotencyEntry: StoredRecord, Equatable {
    /// Stored as kind "idempotency".
    public static let kind = RecordKind("idempotency")
    /// How long a key replays: 24 hours.
    public static let lifetimeMs: Int64 = 24 * 60 * 60 * 1000

    /// `idem_` and a time-ordered id (`IDGenerator`); `key(scope:key:)` in entries written
    /// before entries had ids of their own.
    public var id: String
    /// `key(scope:key:)` of the call's scope and key; nil in entries written before, whose id
    /// is that text.
    public var key: String?
    /// The caller's partner ("" for a method that needs no token).
    public var partnerId: String
    /// The method the key was first used with.
    public var method: String
    /// SHA-256 (hex) of the canonical params the key was first used with.
    public var paramsDigest: String
    /// The JSON result that was answered, as text.
    public var result: String
    /// When the first answer was made.
    public var createTime: Timestamp

    /// Creates an entry.
    public init(
        id: String, key: String?, partnerId: String, method: String, paramsDigest: String, result: String,
        createTime: Timestamp
    ) {
        self.id = id
        self.key = key
        self.partnerId = partnerId
        self.method = method
        self.paramsDigest = paramsDigest
        self.result = result
        self.createTime = createTime
    }

    /// "<scope>/<key>": the unique key of the entry for idempotency key `key` used within
    /// `scope` (a partner id, or `method:<name>` for a method that needs no token).
    public static func key(scope: String, key: String) -> String { "\(scope)/\(key)" }

    /// The entry's key, held by no other entry.
    public var uniqueKeys: [String] { key.map { [$0] } ?? [] }
}

public import PartnerCore

/// The first answer to a mutating call made with `meta.idempotencyKey`, kept so that a replay
/// by the same partner (or, for a method that needs no token, to the same method) returns it
/// unchanged for `IdempotencyEntry.lifetimeMs` (24 h), across restarts: it is written in the same
/// transaction as the change it answers. Later keyed writes of the same scope delete it once
/// expired (`IdempotencySweep`).
public struct IdempotencyEntry: StoredRecord, Equatable {
    /// Stored as kind "idempotency".
    public static let kind = RecordKind("idempotency")
    /// How long a key replays: 24 hours.
    public static let lifetimeMs: Int64 = 24 * 60 * 60 * 1000

    /// "<scope>/<key>": the scope is the partner, or `method:<name>` for a method that needs no token.
    public var id: String
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
        id: String, partnerId: String, method: String, paramsDigest: String, result: String, createTime: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
        self.method = method
        self.paramsDigest = paramsDigest
        self.result = result
        self.createTime = createTime
    }

    /// The entry id for `key` used within `scope` (a partner id, or `method:<name>`).
    public static func id(scope: String, key: String) -> String { "\(scope)/\(key)" }
}

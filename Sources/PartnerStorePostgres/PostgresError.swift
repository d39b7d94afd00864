import PartnerCore

/// A failure reported by libpq or the PostgreSQL server: the SQLSTATE when the server sent
/// one, and libpq's message.
struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE (e.g. "40001"), nil for client-side failures.
    var sqlState: String?
    /// libpq's message, trimmed.
    var message: String

    /// A serialization failure (40001), a detected deadlock (40P01), or a unique violation
    /// (23505), which only a deferred insert racing another transaction's can raise (the store
    /// checks its unique keys before writing them): the transaction may simply run again.
    var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" || sqlState == "23505" }

    /// A unique violation (see `isRetryable`).
    var isUniqueViolation: Bool { sqlState == "23505" }

    /// "<SQLSTATE> <message>".
    var description: String { "\(sqlState.map { $0 + " " } ?? "")\(message)" }

    /// The store's error for this failure: `.unavailable` naming PostgreSQL's message.
    var storeError: StoreError {
        StoreError(code: .unavailable, message: "PostgreSQL: \(description)")
    }
}

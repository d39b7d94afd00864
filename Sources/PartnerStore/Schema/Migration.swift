/// One step of the store's schema: the SQL that takes a database from `version - 1` to
/// `version`. Steps are applied in order, each inside the same transaction that records its
/// version in `PRAGMA user_version`, so a database is always at exactly one version.
public struct Migration: Sendable {
    /// The schema version this step produces (1, 2, 3, ...).
    public let version: Int
    /// What the step changes, in a few words.
    public let summary: String
    /// The statements to run.
    public let sql: String

    /// Creates a step.
    public init(version: Int, summary: String, sql: String) {
        self.version = version
        self.summary = summary
        self.sql = sql
    }
}

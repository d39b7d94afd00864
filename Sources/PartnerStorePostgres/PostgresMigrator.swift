import PartnerCore

/// Brings a database to the newest schema version, once, however many replicas start together:
/// every replica takes the same transaction-scoped advisory lock first, so one applies the
/// missing steps while the others wait, then find nothing left to do.
struct PostgresMigrator {
    /// The lock every migrating replica takes (an arbitrary constant: "partner" in ASCII).
    static let lockKey: Int64 = 0x7061_7274_6e65_72

    let steps: [PostgresMigrations.Step]

    /// Applies the missing steps in one transaction and answers the version afterwards.
    /// - Throws: `StoreError(.incompatibleSchema)` naming both versions when the database was
    ///   written by a newer schema; `StoreError(.unavailable)` when PostgreSQL refuses.
    func migrate(_ connection: PostgresConnection) throws -> Int {
        let latest = steps.last?.version ?? 0
        do {
            try connection.execute("BEGIN")
            try connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    summary text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let found =
                Int(try connection.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").firstValue ?? "0")
                ?? 0
            if found > latest {
                _ = try? connection.execute("ROLLBACK")
                throw StoreError(
                    code: .incompatibleSchema,
                    message: "the database has schema version \(found), newer than version \(latest) this program "
                        + "understands; run a newer release")
            }
            for step in steps where step.version > found {
                try connection.execute(step.sql)
                try connection.query(
                    "INSERT INTO schema_migrations (version, summary) VALUES ($1, $2)",
                    [String(step.version), step.summary])
            }
            try connection.execute("COMMIT")
            return max(found, latest)
        } catch let error as PostgresError {
            _ = try? connection.execute("ROLLBACK")
            throw error.storeError
        }
    }
}

import PartnerCore

/// Brings a database to the newest schema version of a migration list, or refuses a database
/// written by a newer one.
struct SchemaMigrator {
    /// The steps, in version order starting at 1.
    let migrations: [Migration]

    /// Checks that the steps are numbered 1, 2, 3, ... without gaps.
    init(migrations: [Migration]) {
        for (offset, migration) in migrations.enumerated() {
            precondition(migration.version == offset + 1, "migration \(migration.version) is out of order")
        }
        self.migrations = migrations
    }

    /// The newest version of the list.
    var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies every missing step in one immediate transaction and answers the version the
    /// database is at afterwards.
    /// - Throws: `StoreError(.incompatibleSchema)` naming both versions when the database is
    ///   newer than the list; `StoreError(.unavailable)` when it cannot be written.
    func migrate(_ connection: SQLiteConnection) throws -> Int {
        try connection.run("BEGIN IMMEDIATE")
        do {
            let found = Int(try connection.integer("PRAGMA user_version"))
            if found > latestVersion {
                throw StoreError(
                    code: .incompatibleSchema,
                    message: "the database \(connection.path) has schema version \(found), newer than version "
                        + "\(latestVersion) this program understands; run a newer release or restore a backup"
                )
            }
            for migration in migrations where migration.version > found {
                try connection.execute(migration.sql)
                try connection.execute("PRAGMA user_version = \(migration.version)")
            }
            try connection.run("COMMIT")
            return max(found, latestVersion)
        } catch {
            if connection.isInTransaction { try? connection.run("ROLLBACK") }
            throw error
        }
    }
}

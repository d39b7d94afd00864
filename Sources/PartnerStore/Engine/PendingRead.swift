import PartnerCore

/// A `read` call waiting for a reader thread, its result type erased.
protocol PendingRead: Sendable {
    /// Runs the body against a snapshot on the reader thread's connection and resumes the caller.
    func run(tables: RecordTables, cache: RecordCache)
    /// Resumes the caller with `error` without running the body.
    func fail(_ error: any Error)
}

/// One `read` call: its body and its caller's continuation, resumed exactly once.
struct ReadRequest<T: Sendable>: PendingRead {
    let body: @Sendable (any StoreReading) throws -> T
    let continuation: CheckedContinuation<T, any Error>

    func run(tables: RecordTables, cache: RecordCache) {
        // Note the epoch before the snapshot begins (RecordCache, rule 2).
        let epoch = cache.epoch
        do {
            try tables.connection.run("BEGIN")
            // Reading the schema table starts the WAL snapshot now rather than at the body's
            // first query: a commit that starts after this point moves the epoch, so the body
            // can never mix cached values with a snapshot taken after a later commit.
            _ = try tables.connection.integer("SELECT count(*) FROM sqlite_schema")
        } catch {
            if tables.connection.isInTransaction { try? tables.connection.run("ROLLBACK") }
            continuation.resume(throwing: error)
            return
        }
        let transaction = SQLiteReadTransaction(tables: tables, cache: cache, epoch: epoch)
        let result = Result { try body(transaction) }
        transaction.invalidate()
        try? tables.connection.run("ROLLBACK")
        continuation.resume(with: result)
    }

    func fail(_ error: any Error) {
        continuation.resume(throwing: error)
    }
}

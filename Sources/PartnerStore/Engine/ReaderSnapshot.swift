/// A reader thread's SQLite snapshot, kept from one read to the next while nothing commits.
///
/// Beginning a snapshot costs a `BEGIN`, a read of the schema table that pins it and, at the
/// end, a `ROLLBACK`: a tenth of a cheap read. A snapshot taken while the cache's epoch was an
/// even `E` is the latest committed state for as long as the epoch is still `E`: the store's
/// one writer moves the epoch before every COMMIT (`RecordCache`, rule 1) and the store's file
/// lock keeps every other process out. So a read that finds the epoch where it was when the held
/// snapshot began reads that snapshot again, exactly as if it had begun its own; any commit in
/// between, or an odd epoch, ends it and begins a new one.
///
/// A held snapshot keeps the checkpoint from copying the log past it, so the reader thread ends
/// it when it has had nothing to read for a moment (`ReaderPool`), and before anything that
/// uses the raw connection.
///
/// Confined to its reader thread, like the connection it holds.
final class ReaderSnapshot {
    /// The reader thread's connection.
    let connection: SQLiteConnection
    /// The even epoch noted before the held snapshot began; nil when none is held.
    private(set) var epoch: UInt64?

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Whether a snapshot is held.
    var isHeld: Bool { epoch != nil }

    /// A snapshot of the latest committed state: the held one while the epoch has not moved,
    /// otherwise a new one. Answers the epoch noted before it began (`RecordCache`, rule 2).
    /// - Throws: the `StoreError` of a `BEGIN` or schema read that failed (nothing is held then).
    func begin(cache: RecordCache) throws -> UInt64 {
        let now = cache.epoch
        if let epoch, epoch == now { return epoch }
        end()
        do {
            try connection.run("BEGIN")
            // Reading the schema table starts the WAL snapshot now rather than at the body's
            // first query: a commit that starts after this point moves the epoch, so the body
            // can never mix cached values with a snapshot taken after a later commit.
            _ = try connection.integer("SELECT count(*) FROM sqlite_schema")
        } catch {
            if connection.isInTransaction { try? connection.run("ROLLBACK") }
            throw error
        }
        // Begun while a commit was in flight (an odd epoch), it serves this read only.
        epoch = now % 2 == 0 ? now : nil
        return now
    }

    /// After a read: keeps the snapshot for the next one when the read succeeded and the
    /// snapshot may be held, ends it otherwise.
    func finishRead(succeeded: Bool) {
        if !succeeded || epoch == nil { end() }
    }

    /// Ends the held snapshot, if any.
    func end() {
        epoch = nil
        if connection.isInTransaction { try? connection.run("ROLLBACK") }
    }
}

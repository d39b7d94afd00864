import PartnerCore

extension GroupCommitWriter {
    /// Runs a batch of calls in as few transactions as possible (one, unless SQLite abandons a
    /// transaction part-way after an I/O error; the rest then run in a new one).
    func runBatch(_ jobs: [any PendingWrite], tables: RecordTables) {
        var next = 0
        while next < jobs.count {
            next = runTransaction(jobs, from: next, tables: tables)
        }
    }

    /// Runs calls from `start` in one transaction and answers the index of the first call it
    /// did not handle.
    private func runTransaction(_ jobs: [any PendingWrite], from start: Int, tables: RecordTables) -> Int {
        let connection = tables.connection
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            let failure = Self.unavailable(error, doing: "start a transaction")
            for job in jobs[start...] { job.fail(failure) }
            return jobs.count
        }
        var batch = StagedChanges()
        var ran: [any PendingWrite] = []
        var index = start
        while index < jobs.count {
            let job = jobs[index]
            index += 1
            ran.append(job)
            do {
                try connection.run("SAVEPOINT body")
            } catch {
                abandon(ran, after: error, tables: tables)
                return index
            }
            let (succeeded, staged) = runBody(job, tables: tables, batch: batch)
            do {
                if succeeded {
                    try connection.run("RELEASE body")
                    batch.merge(staged)
                } else {
                    try connection.run("ROLLBACK TO body")
                    try connection.run("RELEASE body")
                }
            } catch {
                abandon(ran, after: error, tables: tables)
                return index
            }
            if !connection.isInTransaction {
                // SQLite rolled the whole transaction back (disk full or I/O error while a body
                // ran): the earlier bodies' changes are gone too.
                let failure = StoreError(
                    code: .unavailable,
                    message: "SQLite rolled the transaction back after a disk-full or I/O error in a write "
                        + "of the same batch; nothing of this write was kept"
                )
                abandon(ran, after: failure, tables: tables)
                return index
            }
        }
        commit(ran, batch: batch, tables: tables)
        return index
    }

    /// Runs one body in a fresh transaction view and answers whether it returned, with its
    /// staged changes. The view is released when this returns, so merging the staged changes
    /// into the batch does not copy the batch.
    private func runBody(
        _ job: any PendingWrite, tables: RecordTables, batch: StagedChanges
    ) -> (Bool, StagedChanges) {
        let transaction = SQLiteWriteTransaction(tables: tables, cache: cache, batch: batch)
        let succeeded = job.run(transaction)
        transaction.invalidate()
        return (succeeded, succeeded ? transaction.staged : StagedChanges())
    }

    /// COMMITs the batch; on success the cache takes the staged changes and every caller is
    /// resumed with its own outcome, else every caller whose body returned gets `.unavailable`.
    private func commit(_ ran: [any PendingWrite], batch: StagedChanges, tables: RecordTables) {
        cache.beginCommit()
        do {
            try tables.connection.run("COMMIT")
        } catch {
            if tables.connection.isInTransaction { try? tables.connection.run("ROLLBACK") }
            cache.endCommit(applying: nil)
            let failure = Self.unavailable(error, doing: "commit")
            for job in ran { job.failIfSucceeded(failure) }
            return
        }
        cache.endCommit(applying: batch)
        countCommit()
        for job in ran { job.complete() }
    }

    /// Rolls back what is left of the transaction; callers whose body returned get
    /// `.unavailable` (their changes are gone), the others their own error.
    private func abandon(_ ran: [any PendingWrite], after error: any Error, tables: RecordTables) {
        if tables.connection.isInTransaction { try? tables.connection.run("ROLLBACK") }
        let failure = Self.unavailable(error, doing: "finish the transaction")
        for job in ran { job.failIfSucceeded(failure) }
    }

    /// `error` as `.unavailable` (kept as is when it already is).
    static func unavailable(_ error: any Error, doing what: String) -> StoreError {
        if let error = error as? StoreError, error.code == .unavailable { return error }
        return StoreError(code: .unavailable, message: "could not \(what), nothing was kept: \(error)")
    }
}

import PartnerCore

extension GroupCommitWriter {
    /// Runs a batch of calls, normally in one transaction.
    ///
    /// SQLite may abandon a whole transaction when a statement fails with disk-full or an I/O
    /// error (instead of rolling back only that statement). The body that hit the failure then
    /// gets its error, and the bodies that ran before it in the lost transaction run again in a
    /// new one, so one failing body never costs the others their write. Every lost transaction
    /// finishes at least the body that broke it, so this ends.
    func runBatch(_ jobs: [any PendingWrite], tables: RecordTables, counters: SequenceCounters) {
        var queue = jobs
        while !queue.isEmpty {
            queue = runTransaction(queue, tables: tables, counters: counters)
        }
    }

    /// Runs `jobs` in one transaction and answers those still to run: empty, or (after SQLite
    /// abandoned the transaction) the bodies to run again followed by those not yet run.
    private func runTransaction(
        _ jobs: [any PendingWrite], tables: RecordTables, counters: SequenceCounters
    ) -> [any PendingWrite] {
        let connection = tables.connection
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            let failure = Self.unavailable(error, doing: "start a transaction")
            for job in jobs { job.fail(failure) }
            return []
        }
        var batch = StagedChanges()
        for (index, job) in jobs.enumerated() {
            let savepointError: (any Error)?
            do {
                try connection.run("SAVEPOINT body")
                let (succeeded, staged) = runBody(job, tables: tables, counters: counters, batch: batch)
                if succeeded {
                    try connection.run("RELEASE body")
                    batch.merge(staged)
                } else if connection.isInTransaction {
                    try connection.run("ROLLBACK TO body")
                    try connection.run("RELEASE body")
                }
                savepointError = nil
            } catch {
                savepointError = error
            }
            if savepointError != nil || !connection.isInTransaction {
                // SQLite ended the transaction (disk full or I/O error in this body): this body
                // gets its error, the earlier ones run again, the later ones have not run yet.
                if connection.isInTransaction { try? connection.run("ROLLBACK") }
                job.failIfSucceeded(
                    savepointError.map { Self.unavailable($0, doing: "finish the transaction") }
                        ?? StoreError(
                            code: .unavailable, message: "SQLite rolled the transaction back; nothing was kept")
                )
                return Array(jobs[..<index]) + Array(jobs[(index + 1)...])
            }
        }
        commit(jobs, batch: batch, tables: tables, counters: counters)
        return []
    }

    /// Runs one body in a fresh transaction view and answers whether it returned, with its
    /// staged changes. The view is released when this returns, so merging the staged changes
    /// into the batch does not copy the batch.
    private func runBody(
        _ job: any PendingWrite, tables: RecordTables, counters: SequenceCounters, batch: StagedChanges
    ) -> (Bool, StagedChanges) {
        let transaction = SQLiteWriteTransaction(tables: tables, cache: cache, counters: counters, batch: batch)
        let succeeded = job.run(transaction)
        transaction.invalidate()
        return (succeeded, succeeded ? transaction.staged : StagedChanges())
    }

    /// Stores the counters the batch drew from and COMMITs it; on success the cache and the
    /// counters take the staged changes and every caller is resumed with its own outcome, else
    /// every caller whose body returned gets `.unavailable`.
    private func commit(
        _ ran: [any PendingWrite], batch: StagedChanges, tables: RecordTables, counters: SequenceCounters
    ) {
        cache.beginCommit()
        let started = ContinuousClock.now
        do {
            try counters.store(batch.sequences, in: tables)
            try tables.connection.run("COMMIT")
            onCommit?(ran.count, started.duration(to: .now), true)
        } catch {
            onCommit?(ran.count, started.duration(to: .now), false)
            if tables.connection.isInTransaction { try? tables.connection.run("ROLLBACK") }
            cache.endCommit(applying: nil)
            let failure = Self.unavailable(error, doing: "commit")
            for job in ran { job.failIfSucceeded(failure) }
            return
        }
        cache.endCommit(applying: batch)
        counters.commit(batch.sequences)
        countCommit()
        for job in ran { job.complete() }
    }

    /// `error` as `.unavailable` (kept as is when it already is).
    static func unavailable(_ error: any Error, doing what: String) -> StoreError {
        if let error = error as? StoreError, error.code == .unavailable { return error }
        return StoreError(code: .unavailable, message: "could not \(what), nothing was kept: \(error)")
    }
}

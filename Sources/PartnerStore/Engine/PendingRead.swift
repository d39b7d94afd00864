import PartnerCore

/// A `read` call waiting for a reader thread, its result type erased.
protocol PendingRead: Sendable {
    /// Runs the body on the reader thread's connection (against `snapshot`, when it reads
    /// records) and resumes the caller.
    func run(tables: RecordTables, cache: RecordCache, snapshot: ReaderSnapshot)
    /// Resumes the caller with `error` without running the body.
    func fail(_ error: any Error)
}

/// One `read` call: its body and its caller's continuation, resumed exactly once.
struct ReadRequest<T: Sendable>: PendingRead {
    let body: @Sendable (any StoreReading) throws -> T
    let continuation: CheckedContinuation<T, any Error>

    func run(tables: RecordTables, cache: RecordCache, snapshot: ReaderSnapshot) {
        let epoch: UInt64
        do {
            epoch = try snapshot.begin(cache: cache)
        } catch {
            continuation.resume(throwing: error)
            return
        }
        let transaction = SQLiteReadTransaction(tables: tables, cache: cache, epoch: epoch)
        let result = Result { try body(transaction) }
        transaction.invalidate()
        if case .success = result {
            snapshot.finishRead(succeeded: true)
        } else {
            snapshot.finishRead(succeeded: false)
        }
        continuation.resume(with: result)
    }

    func fail(_ error: any Error) {
        continuation.resume(throwing: error)
    }
}

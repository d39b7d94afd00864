/// A maintenance call (integrity checks) run on a reader thread with its raw connection.
struct ConnectionRequest<T: Sendable>: PendingRead {
    let continuation: CheckedContinuation<T, any Error>
    let body: @Sendable (SQLiteConnection) throws -> T

    func run(tables: RecordTables, cache: RecordCache, snapshot: ReaderSnapshot) {
        snapshot.end()
        continuation.resume(with: Result { try body(tables.connection) })
    }

    func fail(_ error: any Error) {
        continuation.resume(throwing: error)
    }
}

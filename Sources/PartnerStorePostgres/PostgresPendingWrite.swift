import PartnerCore

/// A `write` call waiting for the group writer, its result type erased.
protocol PostgresPendingWrite: AnyObject, Sendable {
    /// How many times the body has run (conflicts make a batch run again).
    var attempts: Int { get set }
    /// Runs the body in `transaction` and keeps its outcome; `true` when it returned.
    func run(_ transaction: PostgresWriteTransaction) -> Bool
    /// Resumes the caller with the kept outcome.
    func complete()
    /// Resumes the caller with `error`.
    func fail(_ error: any Error)
}

/// One `write` call: its body, its caller's continuation, and the body's outcome. Used only
/// on the writer's queue between `run` and the resume; the continuation is resumed once.
final class PostgresWriteRequest<T: Sendable>: PostgresPendingWrite, @unchecked Sendable {
    private let body: @Sendable (any StoreWriting) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var outcome: Result<T, any Error>?
    var attempts = 0

    init(body: @escaping @Sendable (any StoreWriting) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(_ transaction: PostgresWriteTransaction) -> Bool {
        attempts += 1
        do {
            outcome = .success(try body(transaction))
            return true
        } catch {
            outcome = .failure(error)
            return false
        }
    }

    func complete() {
        continuation.resume(with: outcome ?? .failure(StoreError(code: .unavailable, message: "the write did not run")))
    }

    func fail(_ error: any Error) {
        continuation.resume(throwing: error)
    }
}

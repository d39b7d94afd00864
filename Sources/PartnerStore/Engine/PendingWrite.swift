import PartnerCore

/// A `write` call waiting for the writer thread, its result type erased.
protocol PendingWrite: AnyObject, Sendable {
    /// Runs the body on the writer thread and keeps its outcome; `true` when it returned.
    func run(_ transaction: SQLiteWriteTransaction) -> Bool
    /// Resumes the caller with the kept outcome (after COMMIT succeeded).
    func complete()
    /// Resumes the caller with `error`, whatever the body did.
    func fail(_ error: any Error)
    /// Resumes the caller with the body's own error when it threw, else with `error`.
    func failIfSucceeded(_ error: any Error)
}

/// One `write` call: its body, its caller's continuation, and the body's outcome.
///
/// `outcome` is set and read only on the writer thread, between `run` and the resume; the
/// continuation is resumed exactly once. That confinement is why it is `@unchecked Sendable`.
final class WriteRequest<T: Sendable>: PendingWrite, @unchecked Sendable {
    private let body: @Sendable (any StoreWriting) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var outcome: Result<T, any Error>?

    init(body: @escaping @Sendable (any StoreWriting) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(_ transaction: SQLiteWriteTransaction) -> Bool {
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

    func failIfSucceeded(_ error: any Error) {
        if case .failure(let own)? = outcome {
            continuation.resume(throwing: own)
        } else {
            continuation.resume(throwing: error)
        }
    }
}

package import PartnerCore

/// A `write` call waiting for a store's writer (the SQLite writer thread, the PostgreSQL group
/// writer), its result type erased.
package protocol PendingWrite: AnyObject, Sendable {
    /// How many times the body has run (a batch the database abandoned runs again).
    var attempts: Int { get }
    /// Runs the body in `transaction` and keeps its outcome; `true` when it returned.
    func run(_ transaction: any StoreWriting) -> Bool
    /// Resumes the caller with the kept outcome (after COMMIT succeeded).
    func complete()
    /// Resumes the caller with `error`, whatever the body did.
    func fail(_ error: any Error)
    /// Resumes the caller with the body's own error when it threw, else with `error`.
    func failIfSucceeded(_ error: any Error)
}

/// One `write` call: its body, its caller's continuation, and the body's outcome.
///
/// `outcome` and `attempts` are set and read only by the writer, between `run` and the
/// resume; the continuation is resumed exactly once. That confinement is why it is
/// `@unchecked Sendable`.
package final class WriteRequest<T: Sendable>: PendingWrite, @unchecked Sendable {
    private let body: @Sendable (any StoreWriting) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var outcome: Result<T, any Error>?
    package private(set) var attempts = 0

    package init(
        body: @escaping @Sendable (any StoreWriting) throws -> T, continuation: CheckedContinuation<T, any Error>
    ) {
        self.body = body
        self.continuation = continuation
    }

    package func run(_ transaction: any StoreWriting) -> Bool {
        attempts += 1
        do {
            outcome = .success(try body(transaction))
            return true
        } catch {
            outcome = .failure(error)
            return false
        }
    }

    package func complete() {
        continuation.resume(with: outcome ?? .failure(StoreError(code: .unavailable, message: "the write did not run")))
    }

    package func fail(_ error: any Error) {
        continuation.resume(throwing: error)
    }

    package func failIfSucceeded(_ error: any Error) {
        if case .failure(let own)? = outcome {
            continuation.resume(throwing: own)
        } else {
            continuation.resume(throwing: error)
        }
    }
}

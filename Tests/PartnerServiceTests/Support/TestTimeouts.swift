import Foundation
import Synchronization
import Testing

/// A failure of the harness itself (a timeout, a missing fixture), with a plain message.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Lets exactly one of several racers resume a continuation.
final class OnceFlag: Sendable {
    private let claimed = Atomic<Bool>(false)
    func claim() -> Bool {
        claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}

/// Runs `operation`, failing with `HarnessError` when it has not finished after `seconds`; the
/// operation is cancelled then. Every wait in this suite goes through here.
func withTimeout<T: Sendable>(
    _ seconds: Double, _ what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let once = OnceFlag()
    let work = Task { try await operation() }
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let timer = Task {
            try? await Task.sleep(for: .seconds(seconds))
            guard !Task.isCancelled, once.claim() else { return }
            work.cancel()
            continuation.resume(throwing: HarnessError("\(what) did not finish within \(seconds) s"))
        }
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await work.value) } catch { result = .failure(error) }
            timer.cancel()
            if once.claim() { continuation.resume(with: result) }
        }
    }
}

/// Polls `condition` until it holds, failing after `seconds`.
func waitUntil(_ seconds: Double, _ what: String, _ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw HarnessError("\(what): not true within \(seconds) s") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

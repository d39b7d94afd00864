import Foundation
import Glibc
import PartnerCore
import PartnerTestSupport
import Synchronization
import Testing

@testable import PartnerStore

/// A temporary folder removed when the test ends.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path = try TemporaryFolders.make("partnerstore")
    }

    /// The database path inside the folder.
    var database: String { path + "/data/partner.sqlite" }

    deinit {
        TemporaryFolders.remove(path)
    }
}

/// A failure of the test harness itself.
struct StoreTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `operation`, failing with a timeout when it has not finished after `seconds`. The
/// operation keeps running in the background if it hangs; the test fails either way.
func withTimeout<T: Sendable>(
    _ seconds: Double = 30,
    _ what: String = "operation",
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let once = Once()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let timer = Task {
            try? await Task.sleep(for: .seconds(seconds))
            guard !Task.isCancelled, once.claim() else { return }
            continuation.resume(throwing: StoreTestError("\(what) did not finish within \(seconds) s"))
        }
        Task {
            let result = await Result { try await operation() }
            timer.cancel()
            if once.claim() { continuation.resume(with: result) }
        }
    }
}

/// Polls `condition` every few milliseconds until it holds or `seconds` pass.
func waitUntil(
    _ seconds: Double = 10,
    _ what: String,
    _ condition: @Sendable () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw StoreTestError("\(what): not true within \(seconds) s") }
        try await Task.sleep(for: .milliseconds(2))
    }
}

/// Extracts the `StoreError` a call threw, or records an issue.
func storeError(_ body: () async throws -> Void) async -> StoreError? {
    do {
        try await body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)")
        return nil
    }
}

extension Result where Failure == any Error {
    /// Async version of `init(catching:)`.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

/// Lets exactly one of several racers act.
final class Once: Sendable {
    private let done = Mutex(false)
    /// True for the first caller only.
    func claim() -> Bool {
        done.withLock { done in
            defer { done = true }
            return !done
        }
    }
}

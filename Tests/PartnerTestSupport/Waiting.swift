import Foundation

/// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
public func eventually(_ seconds: Double, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while !(await condition()) {
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return true
}

/// Runs blocking work (process start, pipe reads, socket waits, a PostgreSQL cluster's
/// commands) on a thread of its own (4 MiB of stack, for deep JSON), so the test's waits never
/// hold one of the few cooperative threads that every suite of the run shares: a blocked pool
/// thread stalls unrelated tests until they time out.
@discardableResult
public func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 4 << 20
        thread.start()
    }
}

/// Polls `condition` every 5 ms until it holds.
/// - Throws: `TestFailure` naming `what` when it still does not hold after `seconds`.
public func waitUntil(_ seconds: Double = 10, _ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TestFailure("\(what): not true within \(seconds) s") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Runs `operation`, failing with `TestFailure` naming `what` when it has not finished after
/// `seconds`; the operation is cancelled then (and keeps running if it ignores cancellation;
/// the test fails either way).
public func withTimeout<T: Sendable>(
    _ seconds: Double = 30, _ what: String = "operation", _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let once = Once()
    let work = Task { try await operation() }
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            guard !Task.isCancelled, once.claim() else { return }
            work.cancel()
            continuation.resume(throwing: TestFailure("\(what) did not finish within \(seconds) s"))
        }
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await work.value) } catch { result = .failure(error) }
            timer.cancel()
            if once.claim() { continuation.resume(with: result) }
        }
    }
}

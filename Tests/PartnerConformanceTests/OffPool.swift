import Foundation

/// Runs blocking work (the suite's socket reads, waiting for a child process) on a thread of
/// its own, so it never holds one of the few threads Swift concurrency shares among the tests.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 4 << 20
        thread.start()
    }
}

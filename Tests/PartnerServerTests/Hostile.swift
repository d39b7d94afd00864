import Foundation
import PartnerTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Helpers of the hostile-client and operability tests, which run on threads of their own
/// (`onThread`) and wait by polling.
enum Hostile {
    /// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
    static func wait(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// A value shared between threads.
    final class Locked<Value: Sendable>: @unchecked Sendable {
        private var stored: Value
        private let lock = NSLock()
        init(_ value: Value) { stored = value }
        var value: Value { lock.withLock { stored } }
        func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
    }
}

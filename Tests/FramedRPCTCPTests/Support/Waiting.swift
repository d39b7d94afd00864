import CEpoll
import PartnerTestSupport

/// Polls `condition` (backing off from 1 to 25 ms) until it holds or `seconds` pass; returns
/// whether it held.
func eventually(within seconds: Double = 30, _ condition: () -> Bool) async -> Bool {
    let deadline = cepoll_monotonic_ns() + UInt64(seconds * 1e9)
    var pause = 1
    while cepoll_monotonic_ns() < deadline {
        if condition() { return true }
        // Back off so that hundreds of waiting tasks do not flood a 2-core pool.
        try? await Task.sleep(for: .milliseconds(pause))
        pause = min(pause * 2, 25)
    }
    return condition()
}

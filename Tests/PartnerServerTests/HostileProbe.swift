import Foundation
import FramedJSON
import PartnerTestSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A well-behaved client on its own thread and connection: calls `Health.Check` about every
/// 20 ms while hostile traffic runs, and remembers how many calls were served, which failed,
/// and the slowest answer.
final class HostileProbe: Sendable {
    struct Report: Sendable {
        var served = 0
        var failures: [String] = []
        var slowest: Double = 0
    }

    private let state = Mutex(Report())
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let pace = DispatchSemaphore(value: 0)

    /// Starts calling the server on `port`.
    init(port: Int) throws {
        let socket = try WireSocket(port: port)
        let thread = Thread { [self] in
            var id = 0
            while !stopped.load(ordering: .acquiring) {
                id += 1
                let started = Date()
                let sent = socket.sendFrame(#"{"jsonrpc":"2.0","id":\#(id),"method":"Health.Check","params":{}}"#)
                var answer: JSONValue? = nil
                if sent, let received = try? socket.readJSON(timeout: 10) { answer = received }
                let elapsed = Date().timeIntervalSince(started)
                state.withLock { report in
                    if answer?["result"]?["status"]?.stringValue == "SERVING" && answer?["id"]?.intValue == Int64(id) {
                        report.served += 1
                        report.slowest = max(report.slowest, elapsed)
                    } else {
                        report.failures.append(
                            "call \(id) after \(elapsed) s: \(answer.map { "\($0)" } ?? "no answer")")
                    }
                }
                if answer == nil { break }
                _ = pace.wait(timeout: .now() + .milliseconds(20))
            }
            socket.close()
            finished.signal()
        }
        thread.start()
    }

    /// What happened so far.
    var report: Report { state.withLock { $0 } }

    /// Stops the loop (waiting up to 15 s for the call in progress) and returns the report.
    func stop() -> Report {
        stopped.store(true, ordering: .releasing)
        pace.signal()
        _ = finished.wait(timeout: .now() + .seconds(15))
        return report
    }
}

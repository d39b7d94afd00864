import FramedJSON
import PartnerConformance
import PartnerTestSupport
import Synchronization
import Testing

/// The whole conformance suite against a freshly built `partner-server`, so `swift test`
/// (and `.ci/run`) fails when any case fails, naming it.
@Suite("partner-conformance against partner-server", .timeLimit(.minutes(5)))
struct SuiteAgainstServerTests {
    @Test("every case passes against partner-server, and there are at least 150 of them")
    func everyCasePasses() async throws {
        let (summary, failures, count) = try await Self.againstServer { runner -> (ConformanceSummary, [String], Int) in
            let discovery = try runner.discover()
            let cases = ConformanceSuite.cases(discovery: discovery)
            let failures = Mutex<[String]>([])
            let summary = runner.run(cases, discovery: discovery) { result in
                if result.failed { failures.withLock { $0.append(ConformanceReport.text(result)) } }
            }
            return (summary, failures.withLock { $0 }, cases.count)
        }
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
        #expect(summary.failed == 0, "\(summary)")
        #expect(summary.skipped == 0, "\(summary): with the Conformance service and a token nothing should be skipped")
        #expect(count >= 150, "the suite has \(count) cases")
    }

    @Test("case names are unique and each cites the rule it checks")
    func namesUnique() async throws {
        let cases = try await Self.againstServer { runner -> [ConformanceCase] in
            return ConformanceSuite.cases(discovery: try runner.discover())
        }
        let names = cases.map(\.name)
        #expect(
            Set(names).count == names.count,
            "duplicate names: \(Dictionary(grouping: names, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        #expect(cases.allSatisfy { !$0.rule.isEmpty })
    }

    /// Runs `body` on a thread of its own with a runner aimed at a fresh `partner-server`
    /// (Conformance service on, the bootstrap token), stopped and removed after.
    private static func againstServer<T: Sendable>(_ body: @escaping @Sendable (ConformanceRunner) throws -> T)
        async throws -> T
    {
        try await onThread {
            let server = try ServerProcess.startBlocking(options: ["--enable-conformance-service"])
            defer {
                server.terminateBlocking(within: 10)
                server.remove()
            }
            return try body(
                ConformanceRunner(
                    target: ConformanceTarget(host: "127.0.0.1", port: server.port, token: try server.token())))
        }
    }
}

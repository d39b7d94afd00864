import FramedRPC
import FramedRPCConformance
import FramedRPCTCP
import PartnerServer
import PartnerService
import PartnerTestSupport
import Testing

@testable import partner_bench

#if canImport(Glibc)
    import Glibc
#endif

/// The regression check behind `partner-bench --quick`: the same runner, the same scenarios,
/// against a server started in this process on loopback TCP. Only correctness is asserted —
/// every call answered without an error, every scenario completing calls — never a rate or a
/// latency.
@Suite("partner-bench quick mode")
struct QuickBenchTests {
    @Test("every quick scenario completes calls and none of them fails")
    func quickRunHasNoErrors() async throws {
        let folder = try TemporaryFolders.make("partner-bench-test")
        defer { TemporaryFolders.remove(folder) }

        var options = PartnerApplication.Options(dataDirectory: folder + "/data")
        options.enableConformanceService = true
        options.serverConfig.drainGrace = .seconds(2)
        let app = try await PartnerApplication.open(options: options)
        let transport = TCPServerTransport(config: .init(host: "127.0.0.1", port: 0, loopCount: 1))
        let address = try transport.listen()
        let token = try #require(ProcessProbe.read(PartnerApplication.bootstrapTokenPath(folder + "/data")))

        let bench = try BenchOptions.parse([
            "--quick", "--target", "127.0.0.1:\(address.port)", "--seed-customers", "40",
            "--duration", "2", "--warmup", "0.5",
        ])
        let group = EventLoopGroup(threads: 1, name: "bench-test-client")
        let runner = BenchRunner(
            options: bench, host: address.host, port: address.port,
            token: token.filter { !$0.isWhitespace }, server: .current, group: group, runTag: "test")

        let outcomes = try await withThrowingTaskGroup(
            of: [(scenario: BenchOptions.Scenario, stats: WorkerStats)]?.self
        ) {
            tasks in
            tasks.addTask {
                try await app.server.serve(on: transport)
                return nil
            }
            tasks.addTask {
                do {
                    return try await withTimeout(120, "the quick bench run") { try await runner.run() }
                } catch {
                    app.server.beginGracefulShutdown()
                    throw error
                }
            }
            var result: [(scenario: BenchOptions.Scenario, stats: WorkerStats)] = []
            while let next = try await tasks.next() {
                if let next {
                    result = next
                    app.server.beginGracefulShutdown()
                }
            }
            return result
        }
        await group.shutdown()
        await app.close()

        #expect(outcomes.map(\.scenario) == [.echo, .get, .list, .write, .mixed, .stream])
        for outcome in outcomes {
            #expect(outcome.stats.errors == 0, "\(outcome.scenario.rawValue): \(outcome.stats.firstError ?? "")")
            #expect(outcome.stats.calls > 0, "\(outcome.scenario.rawValue) completed no call")
        }
    }
}

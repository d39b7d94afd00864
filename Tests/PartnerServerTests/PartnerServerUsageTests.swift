import PartnerTestSupport
import Testing

@Suite("partner-server command line")
struct PartnerServerUsageTests {
    @Test("--help prints the usage, naming --listen, and exits 0")
    func help() async throws {
        let run = try await CommandRun.run("partner-server", ["--help"])
        #expect(run.status == 0)
        #expect(run.out.contains("--listen"))
    }
}

import Foundation
import PartnerTestSupport
import Testing

extension Operability {
    /// The files of `Deploy/`, checked by the tools that will read them.
    @Suite("Deploy files")
    struct DeployFilesTests {
        static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Deploy").path

        @Test("promtool check config accepts the example scrape configuration (and the rule file it names)")
        func scrapeConfig() async throws {
            try await onThread {
                let run = try CommandRun.runBlocking(
                    path: try Ops.tool("promtool"), ["check", "config", Self.deploy + "/prometheus.yml"])
                #expect(run.status == 0, "\(run.output)")
                #expect(run.output.contains("SUCCESS"), "\(run.output)")
            }
        }

        @Test("promtool check rules accepts the alerting rules, and they cover errors, latency, stalls and commits")
        func alertingRules() async throws {
            try await onThread {
                let path = Self.deploy + "/partner-server.rules.yml"
                let run = try CommandRun.runBlocking(path: try Ops.tool("promtool"), ["check", "rules", path])
                #expect(run.status == 0, "\(run.output)")
                let text = try String(contentsOfFile: path, encoding: .utf8)
                for alert in [
                    "PartnerServerHighErrorRatio", "PartnerServerHighLatencyP99", "PartnerServerStalledConnections",
                    "PartnerServerSlowStoreCommits",
                ] {
                    #expect(text.contains("alert: \(alert)"), "missing \(alert)")
                }
            }
        }

        @Test("systemd-analyze verify accepts the unit")
        func systemdUnit() async throws {
            try await onThread {
                // verify insists that ExecStart's binary exists: point it at the one just built.
                let folder = NSTemporaryDirectory() + "/unit-\(UUID().uuidString)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(atPath: folder) }
                let unit = try String(contentsOfFile: Self.deploy + "/partner-server.service", encoding: .utf8)
                    .replacingOccurrences(
                        of: "/usr/local/bin/partner-server", with: try Binaries.path("partner-server"))
                try unit.write(toFile: folder + "/partner-server.service", atomically: true, encoding: .utf8)
                let run = try CommandRun.runBlocking(
                    path: try Ops.tool("systemd-analyze", package: "systemd"),
                    ["verify", folder + "/partner-server.service"])
                #expect(run.status == 0, "\(run.output)")
                #expect(!run.output.contains("Unknown key"), "\(run.output)")
            }
        }
    }
}

import Foundation
import PartnerTestSupport
import Testing

@Suite("partner-server command line")
struct PartnerServerUsageTests {
    @Test("--help prints the usage, naming --listen, and exits 0")
    func help() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("partner-server"))
        process.arguments = ["--help"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("--listen"))
    }
}

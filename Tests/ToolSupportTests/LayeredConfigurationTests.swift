import Foundation
import Testing
import ToolSupport

@Suite("Layered configuration")
struct LayeredConfigurationTests {
    let layers = LayeredConfiguration(prefix: "PARTNER_", options: ["listen", "data", "max-frame-bytes"], flags: [])

    @Test("an option's variable is PREFIX + its name upper-cased with dashes as underscores")
    func variableNames() {
        #expect(layers.variable(for: "max-frame-bytes") == "PARTNER_MAX_FRAME_BYTES")
    }

    @Test("the command line wins over the environment, the environment over the file")
    func precedence() throws {
        let path = NSTemporaryDirectory() + "/layers-\(UUID().uuidString).conf"
        try "# comment\n\nlisten = 1.1.1.1:1\ndata = \"/from/file\"\nmax-frame-bytes=2048\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var args = try CommandArguments(["--listen", "2.2.2.2:2", "--config", path])
        try layers.apply(to: &args, environment: ["PARTNER_DATA": "/from/env", "PARTNER_LISTEN": "3.3.3.3:3"])
        #expect(args.value("listen") == "2.2.2.2:2")
        #expect(args.value("data") == "/from/env")
        #expect(args.value("max-frame-bytes") == "2048")
        #expect(throws: Never.self) { try args.finish() }
    }

    @Test("options filled from the environment need not be read by the command")
    func filledOptionsAreNotTypos() throws {
        var args = try CommandArguments([])
        try layers.apply(to: &args, environment: ["PARTNER_DATA": "/x"])
        #expect(throws: Never.self) { try args.finish() }
    }

    @Test("a file line that is not name = value, or names an unknown option, is refused with its line number")
    func badLines() throws {
        let path = NSTemporaryDirectory() + "/layers-\(UUID().uuidString).conf"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "listen = 1.1.1.1:1\nnonsense\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CommandLineError.self) { try layers.readFile(path) }
        try "lisen = 1.1.1.1:1\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try layers.readFile(path)
            Issue.record("an unknown option was accepted")
        } catch {
            #expect(error.message.hasSuffix(":1: unknown option 'lisen'"))
        }
    }
}

import Testing
import ToolSupport

@Suite("Command-line arguments")
struct CommandArgumentsTests {
    @Test("options take the next word or an = value; flags take none; -- ends options")
    func parsing() throws {
        var args = try CommandArguments(
            ["call", "--listen", "127.0.0.1:1", "--data=/tmp/d", "--json", "--", "--not-an-option"], flags: ["json"])
        let listen = args.value("listen")
        let data = args.value("data")
        let json = args.flag("json")
        #expect(listen == "127.0.0.1:1")
        #expect(data == "/tmp/d")
        #expect(json)
        #expect(args.positionals == ["call", "--not-an-option"])
        try args.finish()
    }

    @Test("an option nobody reads is an error naming it")
    func unknownOption() throws {
        var args = try CommandArguments(["--lisen", "x"])
        _ = args.value("listen")
        #expect(throws: CommandLineError.self) { try args.finish() }
        do { try args.finish() } catch { #expect(error.message == "unknown option --lisen") }
    }

    @Test("an option at the end without its value is an error")
    func missingValue() {
        #expect(throws: CommandLineError.self) { _ = try CommandArguments(["--listen"]) }
    }

    @Test("integers outside their range name the option and the range")
    func integerRange() throws {
        var args = try CommandArguments(["--connections", "0"])
        do {
            _ = try args.integer("connections", default: 1, in: 1...10_000)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "option --connections must be a whole number from 1 to 10000, got '0'")
        }
    }

    @Test(
        "host:port forms",
        arguments: [
            ("127.0.0.1:7420", "127.0.0.1", 7420), ("[::1]:0", "::1", 0), ("localhost:65535", "localhost", 65535),
        ])
    func hostPort(text: String, host: String, port: Int) throws {
        let parsed = try parseHostPort(text)
        #expect(parsed.host == host && parsed.port == port)
    }

    @Test("bad addresses are refused", arguments: ["127.0.0.1", "host:99999", ":80", "[::1]"])
    func badHostPort(text: String) {
        #expect(throws: CommandLineError.self) { _ = try parseHostPort(text) }
    }

    @Test("logfmt quotes values that need it")
    func logfmtQuoting() {
        #expect(LogfmtLogger.quote("plain") == "plain")
        #expect(LogfmtLogger.quote("two words") == "\"two words\"")
        #expect(LogfmtLogger.quote("a\"b\nc") == "\"a\\\"b\\nc\"")
        #expect(LogfmtLogger.quote("") == "\"\"")
    }

    @Test("tables pad every column to its widest cell")
    func table() {
        var table = TextTable(columns: ["ID", "NAME"])
        table.add(["cus_1", "Acme"])
        table.add(["c2", "Bo"])
        #expect(table.render() == "ID     NAME\ncus_1  Acme\nc2     Bo")
    }
}

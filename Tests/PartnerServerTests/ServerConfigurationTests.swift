import Foundation
import PartnerTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension Operability {
    /// partner-server's options from flags, `PARTNER_*` variables and `--config FILE`, its early
    /// bind check, and `--version` on every executable.
    @Suite("Server configuration", .serialized)
    struct ServerConfigurationTests {
        /// Runs partner-server until its `server.listening` line (then SIGTERM) or its exit; the
        /// exit status (nil when it was listening) and its log.
        static func runServer(_ arguments: [String], environment: [String: String] = [:], folder: String) throws
            -> (listening: [String: String]?, status: Int32?, log: String)
        {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try Binaries.path("partner-server"))
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PARTNER_") }
            env.merge(environment) { $1 }
            process.environment = env
            let logPath = folder + "/server-\(UUID().uuidString).log"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
            process.standardError = log
            process.standardOutput = log
            try process.run()
            try? log.close()
            defer {
                if process.isRunning {
                    process.terminate()
                    if !Hostile.wait(10, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
                }
            }
            func text() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
            func listening() -> [String: String]? {
                for line in text().split(separator: "\n") {
                    if line.contains("event=server.listening") { return Ops.logfmtFields(String(line)) }
                    if line.contains(#""event":"server.listening""#) {
                        return ["log_format": "json", "raw": String(line)]
                    }
                }
                return nil
            }
            guard Hostile.wait(30, { listening() != nil || !process.isRunning }) else {
                throw TestFailure("partner-server neither listened nor exited within 30 s:\n\(text())")
            }
            if let fields = listening() { return (fields, nil, text()) }
            process.waitUntilExit()
            return (nil, process.terminationStatus, text())
        }

        static func temporaryFolder() throws -> String {
            try TemporaryFolders.make("partner-config")
        }

        /// Runs `body` on a thread of its own with a temporary folder and the arguments of a
        /// server whose data is in it, listening on an ephemeral loopback port.
        static func withDataFolder(_ body: @escaping @Sendable (String, [String]) throws -> Void) async throws {
            try await onThread {
                let folder = try Self.temporaryFolder()
                defer { try? FileManager.default.removeItem(atPath: folder) }
                try body(folder, ["--data", folder + "/data", "--listen", "127.0.0.1:0"])
            }
        }

        @Test("precedence: the flag wins over PARTNER_*, PARTNER_* over the --config file, the file over the default")
        func precedence() async throws {
            try await onThread {
                let folder = try Self.temporaryFolder()
                defer { try? FileManager.default.removeItem(atPath: folder) }
                let file = folder + "/server.conf"
                try """
                # partner-server configuration
                listen = 127.0.0.1:0
                data = "\(folder)/data"
                access-log = errors
                rate-limit-connection = 50
                drain-grace = 1
                """.write(toFile: file, atomically: true, encoding: .utf8)

                // File alone: its values over the defaults.
                let fromFile = try Self.runServer(["--config", file], folder: folder)
                #expect(fromFile.listening?["access_log"] == "errors", "\(fromFile.log)")
                #expect(fromFile.listening?["rate_limit_connection"] == "50/s")
                #expect(fromFile.listening?["data"] == folder + "/data")

                // The environment over the file; the file still supplies what the environment lacks.
                let fromEnvironment = try Self.runServer(
                    [], environment: ["PARTNER_CONFIG": file, "PARTNER_ACCESS_LOG": "off"], folder: folder)
                #expect(fromEnvironment.listening?["access_log"] == "off", "\(fromEnvironment.log)")
                #expect(fromEnvironment.listening?["rate_limit_connection"] == "50/s")

                // The flag over both.
                let fromFlag = try Self.runServer(
                    ["--config", file, "--access-log", "on"], environment: ["PARTNER_ACCESS_LOG": "off"], folder: folder
                )
                #expect(fromFlag.listening?["access_log"] == "on", "\(fromFlag.log)")
            }
        }

        @Test("a configuration file naming an unknown option is refused with its line number")
        func unknownOptionInFile() async throws {
            try await onThread {
                let folder = try Self.temporaryFolder()
                defer { try? FileManager.default.removeItem(atPath: folder) }
                let file = folder + "/server.conf"
                try "listen = 127.0.0.1:0\nlisten-adress = 1.2.3.4:5\n".write(
                    toFile: file, atomically: true, encoding: .utf8)
                let run = try Self.runServer(["--config", file, "--data", folder + "/data"], folder: folder)
                #expect(run.status == 2)
                #expect(run.log.contains("server.conf:2: unknown option 'listen-adress'"), "\(run.log)")
                #expect(!FileManager.default.fileExists(atPath: folder + "/data"))
            }
        }

        @Test("--cache-answers sizes the answer memo: 0 turns it off, a negative size is refused naming the option")
        func cacheAnswersOption() async throws {
            try await Self.withDataFolder { folder, base in
                let off = try Self.runServer(base + ["--cache-answers", "0"], folder: folder)
                #expect(off.listening != nil, "\(off.log)")
                let refused = try Self.runServer(base + ["--cache-answers", "-1"], folder: folder)
                #expect(refused.status == 2, "\(refused.log)")
                #expect(refused.log.contains("cache-answers"), "\(refused.log)")
            }
        }

        @Test("--readers sets the store's reader threads, reported when listening; 0 is refused naming the option")
        func readersOption() async throws {
            try await Self.withDataFolder { folder, base in
                // By default half the processors, at least 1 and at most 3.
                let processors = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
                let standard = try Self.runServer(base, folder: folder)
                #expect(standard.listening?["readers"] == "\(min(3, max(1, processors / 2)))", "\(standard.log)")
                let two = try Self.runServer(base + ["--readers", "2"], folder: folder)
                #expect(two.listening?["readers"] == "2", "\(two.log)")
                let refused = try Self.runServer(base + ["--readers", "0"], folder: folder)
                #expect(refused.status == 2, "\(refused.log)")
                #expect(refused.log.contains("readers"), "\(refused.log)")
            }
        }

        @Test("--page-size sets the page size of a database it creates; a size not a power of two is refused")
        func pageSizeOption() async throws {
            try await onThread {
                let folder = try Self.temporaryFolder()
                defer { try? FileManager.default.removeItem(atPath: folder) }
                /// The page size in a SQLite file's header: two big-endian bytes at offset 16.
                func pageSize(of data: String) throws -> Int {
                    let header = try Data(contentsOf: URL(fileURLWithPath: data + "/partner.sqlite")).prefix(18)
                    return Int(header[16]) << 8 | Int(header[17])
                }
                let base = ["--listen", "127.0.0.1:0"]
                let standard = try Self.runServer(base + ["--data", folder + "/a"], folder: folder)
                #expect(standard.listening != nil, "\(standard.log)")
                #expect(try pageSize(of: folder + "/a") == 4_096)
                let small = try Self.runServer(base + ["--data", folder + "/b", "--page-size", "2048"], folder: folder)
                #expect(small.listening != nil, "\(small.log)")
                #expect(try pageSize(of: folder + "/b") == 2_048)
                let refused = try Self.runServer(
                    base + ["--data", folder + "/c", "--page-size", "3000"], folder: folder)
                #expect(refused.status == 2, "\(refused.log)")
                #expect(refused.log.contains("--page-size must be a power of two"), "\(refused.log)")
                #expect(!FileManager.default.fileExists(atPath: folder + "/c/partner.sqlite"))
            }
        }

        @Test(
            "a busy --listen or --metrics-listen port fails before the data folder and token exist",
            arguments: ["listen", "metrics-listen"])
        func busyPortLeavesNoDataFolder(option: String) async throws {
            try await onThread {
                let folder = try Self.temporaryFolder()
                defer { try? FileManager.default.removeItem(atPath: folder) }
                let busy = try LoopbackPorts.listen()
                defer { Glibc.close(busy.fd) }
                var arguments = ["--data", folder + "/data", "--listen", "127.0.0.1:0"]
                arguments += ["--\(option)", "127.0.0.1:\(busy.port)"]
                let run = try Self.runServer(arguments, folder: folder)
                #expect(run.status != nil && run.status != 0, "it listened: \(run.log)")
                #expect(run.log.contains("\(busy.port)"), "\(run.log)")
                #expect(!FileManager.default.fileExists(atPath: folder + "/data"), "a data folder was left behind")
            }
        }

        @Test("--help names the environment variable of every option it lists (the list the environment is read from)")
        func helpNamesVariables() async throws {
            try await onThread {
                let run = try CommandRun.runBlocking(path: try Binaries.path("partner-server"), ["--help"])
                #expect(run.status == 0)
                // Every option line of OPTIONS ("      --name ..."), so a new flag cannot miss its variable.
                let options = run.output.split(separator: "\n").compactMap { line -> String? in
                    let trimmed = line.drop { $0 == " " }
                    guard line.hasPrefix("  "), trimmed.hasPrefix("--") else { return nil }
                    return String(trimmed.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" })
                }
                #expect(options.count >= 20, "\(options)")
                for option in options where !["help", "version"].contains(option) {
                    let variable = "PARTNER_" + option.uppercased().replacingOccurrences(of: "-", with: "_")
                    #expect(
                        run.output.contains(variable + " ") || run.output.contains(variable + "\n"),
                        "--help lacks \(variable)")
                }
            }
        }

        @Test(
            "--version prints the version and the git commit the binary was built from",
            arguments: [
                "partner-server", "partnerctl", "partner-conformance", "partner-bench",
            ])
        func version(tool: String) async throws {
            try await onThread {
                let binary = try Binaries.path(tool)
                let run = try CommandRun.runBlocking(path: binary, ["--version"], timeout: 20)
                #expect(run.status == 0)
                // partnerctl adds the protocol version it speaks.
                let pattern =
                    #"^\#(tool) [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{40}(-dirty)?|unknown)\)( protocol [0-9.]+)?\n$"#
                #expect(run.output.range(of: pattern, options: .regularExpression) != nil, "\(run.output)")
                // Built from this checkout: the commit is HEAD's (when git is there to ask).
                let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().path
                if let git = try? Ops.tool("git"),
                    let head = try? CommandRun.runBlocking(
                        path: git, ["-C", package, "rev-parse", "HEAD"], timeout: 20), head.status == 0
                {
                    let commit = head.output.trimmingCharacters(in: .whitespacesAndNewlines)
                    #expect(
                        run.output.contains("(commit \(commit)"),
                        "\(run.output) is not HEAD \(commit): a binary built before the last commit (swift test rebuilds)"
                    )
                }
            }
        }
    }
}

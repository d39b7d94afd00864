import Foundation
import FramedRPC
import FramedRPCTCP
import Glibc
import PartnerAPI
import PartnerTestSupport
import Synchronization

/// A failure of the crash tests' harness (a timeout, a server that would not start).
struct CrashHarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Waits and folders for the crash tests; every wait has a deadline.
enum CrashHarness {
    /// Polls `condition` every 5 ms until it holds; throws after `seconds`.
    static func waitUntil(_ seconds: Double, _ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                throw CrashHarnessError("\(what): not true within \(seconds) s")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// `PRAGMA integrity_check` of the server's database, run by the `sqlite3` tool while no
    /// server is running: "ok" for an intact file; `nil` when the tool is not installed.
    static func integrityCheck(data: String) throws -> String? {
        guard
            let tool = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [data + "/partner.sqlite", "PRAGMA integrity_check;"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh folder under the temporary directory.
    static func temporaryFolder() throws -> String {
        try TemporaryFolders.make("partner-crash")
    }
}

/// `partner-server` running as a child process on a data folder, on an ephemeral port.
///
/// `start` returns once the server logged `event=server.listening` (its port is read from that
/// line) or failed with the server's own message when it exited first.
final class CrashServerProcess: Sendable {
    let data: String
    let port: Int
    private let process: Process
    private let output: Output

    /// What the child wrote to standard error, collected as it arrives.
    final class Output: Sendable {
        private let text = Mutex("")
        func append(_ data: Data) { text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        var value: String { text.withLock { $0 } }
    }

    /// The server exited before listening; `message` is its standard error.
    struct StartFailure: Error, CustomStringConvertible {
        var status: Int32
        var message: String
        var description: String { "partner-server exited with status \(status) before listening: \(message)" }
    }

    private init(data: String, port: Int, process: Process, output: Output) {
        self.data = data
        self.port = port
        self.process = process
        self.output = output
    }

    /// Starts `partner-server --data data --listen 127.0.0.1:0 extra...` within `timeout` s.
    /// - Throws: `StartFailure` with the server's message when it exits before listening.
    static func start(data: String, extra: [String] = [], timeout: Double = 30) async throws -> CrashServerProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("partner-server"))
        process.arguments = ["--data", data, "--listen", "127.0.0.1:0", "--loops", "1", "--drain-grace", "1"] + extra
        let pipe = Pipe()
        let output = Output()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty { handle.readabilityHandler = nil } else { output.append(chunk) }
        }
        try process.run()
        var port: Int?
        do {
            try await CrashHarness.waitUntil(timeout, "partner-server to log server.listening") {
                if let line = output.value.split(separator: "\n").first(where: { $0.contains("event=server.listening") }
                ),
                    let address = line.split(separator: " ").first(where: { $0.hasPrefix("address=") }),
                    let text = address.split(separator: ":").last, let number = Int(text)
                {
                    port = number
                    return true
                }
                if !process.isRunning {
                    try await CrashHarness.waitUntil(5, "the exited server's output to drain") {
                        pipe.fileHandleForReading.readabilityHandler == nil || !output.value.isEmpty
                    }
                    throw StartFailure(status: process.terminationStatus, message: output.value)
                }
                return false
            }
        } catch {
            if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
            throw error
        }
        return CrashServerProcess(data: data, port: port!, process: process, output: output)
    }

    /// The bootstrap token the server wrote on first start.
    var bootstrapToken: String {
        get throws {
            try String(contentsOfFile: data + "/bootstrap-token", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The server's standard error so far.
    var log: String { output.value }

    var isRunning: Bool { process.isRunning }

    /// A client over TCP with the bootstrap token, no retries (every answer is taken as given).
    func client(timeout: Duration = .seconds(10)) throws -> (PartnerClient, RPCClient) {
        var config = RPCClientConfig(authorization: "Bearer \(try bootstrapToken)")
        config.connectAttempts = 2
        config.connectBackoffInitial = .milliseconds(10)
        let rpc = RPCClient(
            transport: TCPClientTransport(host: "127.0.0.1", port: port, connectTimeout: timeout), config: config)
        return (PartnerClient(rpc: rpc, retry: .init(maxAttempts: 1)), rpc)
    }

    /// SIGKILL, then waits for the process to be gone.
    func kill() async throws {
        Glibc.kill(process.processIdentifier, SIGKILL)
        let process = self.process
        try await CrashHarness.waitUntil(10, "the killed server to exit") { !process.isRunning }
    }

    /// SIGTERM (graceful drain), then waits for the exit.
    func stop() async throws {
        process.terminate()
        let process = self.process
        try await CrashHarness.waitUntil(20, "the server to stop after SIGTERM") { !process.isRunning }
    }
}

public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `partner-server` child process on a loopback port (the kernel's pick unless given),
/// with its data folder and log in a fresh temporary folder.
public final class ServerProcess: @unchecked Sendable {
    /// The child process.
    public let process: Process
    /// The port it listens on.
    public let port: Int
    /// The temporary folder holding its data folder and log.
    public let root: String
    /// Its data folder.
    public var data: String { root + "/data" }
    /// `127.0.0.1:PORT`, as a client or partnerctl takes it.
    public var target: String { "127.0.0.1:\(port)" }
    /// Its standard output and error.
    public var logPath: String { root + "/server.log" }

    private init(process: Process, port: Int, root: String) {
        self.process = process
        self.port = port
        self.root = root
    }

    /// Starts `partner-server --listen 127.0.0.1:PORT --data <tmp>/data --enable-conformance-service`
    /// and waits up to 30 s for its `server.listening` line, on a thread of its own (never
    /// blocking the cooperative pool the other suites share).
    public static func start(port: Int = 0, root existing: String? = nil, _ extra: [String] = []) async throws
        -> ServerProcess
    {
        try await onThread { try startBlocking(port: port, root: existing, extra) }
    }

    private static func startBlocking(port: Int, root existing: String?, _ extra: [String]) throws -> ServerProcess {
        let root: String
        if let existing {
            root = existing
        } else {
            root = try TemporaryFolders.make("client-tests")
        }
        let logPath = root + "/server.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("partner-server"))
        process.arguments =
            [
                "--listen", "127.0.0.1:\(port)", "--data", root + "/data", "--loops", "1",
                "--enable-conformance-service", "--drain-grace", "2",
            ] + extra
        process.standardError = log
        process.standardOutput = log
        try process.run()
        try? log.close()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").last(where: { $0.contains("event=server.listening") }),
                let address = line.split(separator: " ").first(where: { $0.hasPrefix("address=") }),
                let port = address.split(separator: ":").last.flatMap({ Int($0) })
            {
                return ServerProcess(process: process, port: port, root: root)
            }
            guard process.isRunning else { throw TestFailure("partner-server exited at start:\n\(text)") }
            usleep(10_000)
        }
        process.terminate()
        throw TestFailure("partner-server did not log server.listening within 30 s")
    }

    /// The bootstrap token the server wrote on first start.
    public func token() throws -> String {
        try String(contentsOfFile: data + "/bootstrap-token", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// The server's log so far.
    public func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` (SIGKILL, SIGSTOP, SIGCONT, SIGTERM).
    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Sends SIGSTOP and waits (up to 10 s) until the kernel shows the process stopped, so
    /// nothing it answers afterwards can race the signal.
    public func stop() async -> Bool {
        signal(SIGSTOP)
        return await eventually(10) {
            let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
            // The state follows the parenthesised command name: "pid (comm) T ...".
            guard let close = stat.lastIndex(of: ")") else { return false }
            return stat[close...].dropFirst(2).first == "T"
        }
    }

    /// Waits up to `seconds` for the process to exit; true when it did.
    public func waitForExit(_ seconds: Double) async -> Bool {
        await eventually(seconds) { !process.isRunning }
    }

    /// SIGKILL, then waits (up to 10 s) for the exit; the folder stays (see `remove()`).
    public func kill9() async {
        signal(SIGCONT)
        signal(SIGKILL)
        _ = await waitForExit(10)
    }

    /// SIGKILL if still running (without waiting) and deletes the folder.
    public func remove() {
        if process.isRunning {
            signal(SIGCONT)
            signal(SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}

public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `partner-server` child process on a loopback port (the kernel's pick unless given),
/// with its log (standard output and error) in a fresh temporary folder and its data folder
/// there too unless given: the one way tests start, watch, signal and stop a server.
///
/// ```swift
/// let server = try await ServerProcess.start(["--log-level", "debug"])
/// defer { server.remove() }
/// let client = try WireSocket(port: server.port)
/// ```
public final class ServerProcess: @unchecked Sendable {
    /// The options of the client, CLI and bench suites: one event loop, the Conformance
    /// service (WIRE.md §14.3), a short drain.
    public static let clientOptions = ["--loops", "1", "--enable-conformance-service", "--drain-grace", "2"]

    /// The server exited before it listened.
    public struct StartFailure: Error, CustomStringConvertible {
        /// Its exit status.
        public var status: Int32
        /// Its log (standard output and error).
        public var message: String
        /// Both, in a sentence.
        public var description: String { "partner-server exited with status \(status) before listening: \(message)" }
    }

    /// The child process.
    public let process: Process
    /// The port it listens on.
    public let port: Int
    /// The temporary folder holding its log (and its data folder unless one was given).
    public let root: String
    /// Its data folder.
    public let data: String
    /// `127.0.0.1:PORT`, as a client or partnerctl takes it.
    public var target: String { "127.0.0.1:\(port)" }
    /// Its standard output and error.
    public var logPath: String { root + "/server.log" }

    private init(process: Process, port: Int, root: String, data: String) {
        self.process = process
        self.port = port
        self.root = root
        self.data = data
    }

    /// Starts `partner-server --listen 127.0.0.1:PORT --data DATA options... extra...` and
    /// waits for its `server.listening` line, on a thread of its own (never blocking the
    /// cooperative pool the other suites share). See `startBlocking`.
    public static func start(
        port: Int = 0, root: String? = nil, data: String? = nil, options: [String] = clientOptions,
        timeout: Double = 30, _ extra: [String] = []
    ) async throws -> ServerProcess {
        try await onThread {
            try startBlocking(port: port, root: root, data: data, options: options, timeout: timeout, extra)
        }
    }

    /// Starts `partner-server --listen 127.0.0.1:PORT --data DATA options... extra...` and
    /// waits up to `timeout` seconds for its `server.listening` line (logfmt or JSON). `root`
    /// reuses a folder of an earlier server (a restart); `data` defaults to `root/data`.
    /// - Throws: `StartFailure` when the server exits first, `TestFailure` after `timeout`.
    public static func startBlocking(
        port: Int = 0, root existing: String? = nil, data: String? = nil, options: [String] = clientOptions,
        timeout: Double = 30, _ extra: [String] = []
    ) throws -> ServerProcess {
        let root = try existing ?? TemporaryFolders.make("partner-server")
        let data = data ?? root + "/data"
        let logPath = root + "/server.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("partner-server"))
        process.arguments = ["--listen", "127.0.0.1:\(port)", "--data", data] + options + extra
        process.standardError = log
        process.standardOutput = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let port = listeningPort(in: text) {
                return ServerProcess(process: process, port: port, root: root, data: data)
            }
            if !process.isRunning {
                process.waitUntilExit()
                let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                if existing == nil { TemporaryFolders.remove(root) }
                throw StartFailure(status: process.terminationStatus, message: text)
            }
            usleep(10_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        if existing == nil { TemporaryFolders.remove(root) }
        throw TestFailure("partner-server did not log server.listening within \(timeout) s:\n\(text)")
    }

    /// The port of the last `server.listening` line in `log`: logfmt (`address=127.0.0.1:PORT`)
    /// or JSON (`"address":"127.0.0.1:PORT"`).
    static func listeningPort(in log: String) -> Int? {
        guard
            let line = log.split(separator: "\n").last(where: {
                $0.contains("event=server.listening") || $0.contains(#""event":"server.listening""#)
            }),
            let address = line.replacingOccurrences(of: #""address":""#, with: " address=")
                .split(whereSeparator: { $0 == " " || $0 == "\"" }).first(where: { $0.hasPrefix("address=") })
        else { return nil }
        return address.split(separator: ":").last.flatMap { Int($0) }
    }

    /// The bootstrap token the server wrote on first start.
    public func token() throws -> String {
        try String(contentsOfFile: data + "/bootstrap-token", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// The server's log so far.
    public func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Whether the process is still running.
    public var isRunning: Bool { process.isRunning }

    /// `VmRSS` and `VmHWM` (peak) in bytes, from `/proc/<pid>/status`.
    public func memory() -> (rss: Int, peak: Int) {
        let text = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            let number = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
            return (number.flatMap { Int($0) } ?? 0) * 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// Open file descriptors of the server (sockets included).
    public func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd").count) ?? -1
    }

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

    /// SIGTERM (a graceful drain), then waits up to `seconds` for the exit, SIGKILL after
    /// that; the exit status (-9 when it had to be killed). The folder stays.
    @discardableResult
    public func terminate(within seconds: Double = 20) async -> Int32 {
        (try? await onThread { self.terminateBlocking(within: seconds) }) ?? -9
    }

    /// `terminate(within:)`, blocking: for tests that run on a thread of their own.
    @discardableResult
    public func terminateBlocking(within seconds: Double = 20) -> Int32 {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -9
        }
        return process.terminationStatus
    }

    /// SIGKILL if still running (without waiting) and deletes the temporary folder (a data
    /// folder given to `start` stays).
    public func remove() {
        if process.isRunning {
            signal(SIGCONT)
            signal(SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}

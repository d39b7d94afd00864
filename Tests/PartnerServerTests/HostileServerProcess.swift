import Foundation
import PartnerTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A `partner-server` child process on a loopback port the kernel picks, with its data folder
/// and its log (standard error) in a fresh temporary folder, and its memory read from
/// `/proc/<pid>/status`.
final class HostileServer: @unchecked Sendable {
    let process: Process
    let port: UInt16
    let root: String
    var data: String { root + "/data" }
    var logPath: String { root + "/server.log" }

    private init(process: Process, port: UInt16, root: String) {
        self.process = process
        self.port = port
        self.root = root
    }

    /// Starts `partner-server --listen 127.0.0.1:0 --data <tmp> --log-level debug <arguments>`
    /// and waits (up to 30 s) for its `server.listening` log line.
    static func start(_ arguments: [String] = []) throws -> HostileServer {
        let root = try TemporaryFolders.make("hostile")
        let logPath = root + "/server.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("partner-server"))
        process.arguments =
            ["--listen", "127.0.0.1:0", "--data", root + "/data", "--log-level", "debug", "--loops", "2"]
            + arguments
        process.standardError = log
        process.standardOutput = log
        try process.run()
        try? log.close()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            // logfmt (`address=127.0.0.1:PORT`) or JSON (`"address":"127.0.0.1:PORT"`).
            if let line = text.split(separator: "\n").first(where: {
                $0.contains("event=server.listening") || $0.contains(#""event":"server.listening""#)
            }),
                let address = line.replacingOccurrences(of: #""address":""#, with: " address=")
                    .split(whereSeparator: { $0 == " " || $0 == "\"" }).first(where: { $0.hasPrefix("address=") }),
                let port = address.split(separator: ":").last.flatMap({ UInt16($0) })
            {
                return HostileServer(process: process, port: port, root: root)
            }
            guard process.isRunning else { throw HostileFailure("partner-server exited at start:\n\(text)") }
            usleep(10_000)
        }
        process.terminate()
        throw HostileFailure("partner-server did not log server.listening within 30 s")
    }

    /// The bootstrap token the server wrote on first start.
    func bootstrapToken() throws -> String {
        try String(contentsOfFile: data + "/bootstrap-token", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// `VmRSS` and `VmHWM` (peak) in bytes, from `/proc/<pid>/status`.
    func memory() -> (rss: Int, peak: Int) {
        let text = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            let number = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
            return (number.flatMap { Int($0) } ?? 0) * 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// Open file descriptors of the server (sockets included).
    func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd").count) ?? -1
    }

    var isRunning: Bool { process.isRunning }

    /// The server's log so far.
    func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// SIGTERM, then waits up to 20 s for a clean exit (SIGKILL after that); returns the exit
    /// status. The folder stays until `remove()`.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -9
        }
        return process.terminationStatus
    }

    /// Deletes the temporary folder.
    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// A failure of the hostile-client harness, with a plain message.
struct HostileFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Helpers of the hostile-client tests.
enum Hostile {
    /// Runs blocking socket work on its own thread, so the test's waits never hold one of the
    /// few cooperative threads that the rest of the test run shares.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
    static func wait(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// A value shared between threads.
    final class Locked<Value: Sendable>: @unchecked Sendable {
        private var stored: Value
        private let lock = NSLock()
        init(_ value: Value) { stored = value }
        var value: Value { lock.withLock { stored } }
        func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
    }
}

import Foundation
import Synchronization

/// A `partner-server` built beside the tests, run as a child process on a fresh data folder
/// and 127.0.0.1 port 0, with the `Conformance` service on. Stopped with SIGTERM.
final class PartnerServerChild: Sendable {
    let port: Int
    let token: String
    let data: String
    private let process: Process
    private let log = SharedText()

    init() throws {
        let binary = try Self.executable()
        data =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("partner-conformance-\(UUID().uuidString)").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--listen", "127.0.0.1:0", "--data", data, "--enable-conformance-service"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let lines = log
        let listening = Mutex<Int?>(nil)
        errors.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            let all = lines.append(chunk)
            if let range = all.range(of: "address=127.0.0.1:") {
                let digits = all[range.upperBound...].prefix { $0.isNumber }
                listening.withLock { $0 = Int(digits) }
            }
        }
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while listening.withLock({ $0 }) == nil {
            guard ContinuousClock.now < deadline, process.isRunning else {
                process.terminate()
                throw ChildFailure("partner-server did not report listening within 30 s; log:\n\(log.text)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        port = listening.withLock { $0 }!
        token = try String(contentsOfFile: data + "/bootstrap-token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The server's log so far.
    var logText: String { log.text }

    /// SIGTERM, wait (10 s at most), and remove the data folder.
    func stop() {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: data)
    }

    private static func executable() throws -> String {
        if let path = ProcessInfo.processInfo.environment["PARTNER_SERVER"] { return path }
        let folders = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL,
        ].compactMap { $0 }
        for folder in folders {
            let candidate = folder.appendingPathComponent("partner-server").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ChildFailure(
            "partner-server not found beside the tests in \(folders.map(\.path)); build it or set PARTNER_SERVER")
    }
}

/// The child could not be started.
struct ChildFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Text appended from one thread and read from another.
final class SharedText: Sendable {
    private let storage = Mutex("")
    /// Appends `chunk` and returns the whole text.
    func append(_ chunk: String) -> String {
        storage.withLock {
            $0 += chunk
            return $0
        }
    }
    /// The text so far.
    var text: String { storage.withLock { $0 } }
}

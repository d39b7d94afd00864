import Foundation
import PartnerTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The `idle-connections` child (built beside the tests): holds many idle connections to a
/// server until told to close them, so this process never holds thousands of descriptors.
final class IdleConnectionsHelper: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let outputPipe = Pipe()
    private let lock = NSLock()
    private var text = ""

    /// Starts `idle-connections <port> <count>`.
    init(port: Int, count: Int) throws {
        process.executableURL = URL(fileURLWithPath: try Binaries.path("idle-connections"))
        process.arguments = ["\(port)", "\(count)"]
        process.standardInput = input
        process.standardOutput = outputPipe
        outputPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.text += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// Everything the helper printed so far.
    var output: String { lock.withLock { text } }

    /// Waits until the helper printed `line`; false after `timeout` seconds or when it said
    /// `error`.
    func waitFor(_ line: String, timeout: Double) throws -> Bool {
        Hostile.wait(timeout) {
            let lines = output.split(separator: "\n")
            return lines.contains { $0 == line || $0.hasPrefix("error") }
        } && output.split(separator: "\n").contains { $0 == line }
    }

    /// Asks the helper to close every connection.
    func closeConnections() {
        try? input.fileHandleForWriting.write(contentsOf: Array("close\n".utf8))
    }

    /// Ends the helper (SIGKILL when it has not exited within 5 s).
    func stop() {
        try? input.fileHandleForWriting.close()
        if !Hostile.wait(5, { !self.process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        outputPipe.fileHandleForReading.readabilityHandler = nil
    }
}

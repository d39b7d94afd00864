import Foundation
import Glibc
import PartnerTestSupport
import Synchronization
import Testing

/// The `store-crash-writer` child: launched on a database, read line by line, killed.
final class CrashWriterProcess: Sendable {
    private let process: Process
    private let lines = Mutex<[String]>([])
    private let finished = Flag()
    private let errorText = Mutex("")

    /// Launches the writer on `database` with `writers` concurrent writing tasks.
    init(executable: String, database: String, writers: Int) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [database, "\(writers)"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reading = output.fileHandleForReading
        let thread = Thread { [self] in
            var pending = Data()
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    lines.withLock { $0.append(line) }
                }
            }
            finished.set()
        }
        thread.start()
        let errorReading = errors.fileHandleForReading
        let errorThread = Thread { [self] in
            let text = String(decoding: errorReading.readDataToEndOfFile(), as: UTF8.self)
            errorText.withLock { $0 = text }
        }
        errorThread.start()
    }

    /// Every complete line printed so far.
    var output: [String] { lines.withLock { $0 } }

    /// The ids of the acknowledged writes printed so far, with their sequence numbers.
    var acknowledged: [(id: String, number: Int64)] {
        output.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "ack", let number = Int64(parts[2]) else { return nil }
            return (String(parts[1]), number)
        }
    }

    /// What the child wrote to stderr (complete once it ended).
    var standardError: String { errorText.withLock { $0 } }

    /// Whether the child is still running.
    var isRunning: Bool { process.isRunning }

    /// Kills the child with SIGKILL and waits (bounded) until it is gone and its output is read.
    func kill(timeout seconds: Double = 20) async throws {
        Glibc.kill(process.processIdentifier, SIGKILL)
        try await waitUntil(seconds, "killed writer to exit") { !self.process.isRunning }
        try await waitUntil(seconds, "killed writer's output to end") { self.finished.isSet }
        #expect(process.terminationReason == .uncaughtSignal)
    }
}

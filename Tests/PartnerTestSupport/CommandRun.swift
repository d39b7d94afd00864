import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The outcome of running a program to its end: one of the package's executables
/// (`partnerctl`, `partner-server` subcommands) or a tool (`promtool`, `openssl`, `python3`).
public struct CommandRun: Sendable {
    /// The exit status (-9 when it was killed for running past its timeout).
    public var status: Int32
    /// Standard output.
    public var out: String
    /// Standard error.
    public var err: String

    /// Standard output, then standard error.
    public var output: String { out + err }

    /// Runs `partnerctl arguments` with `environment` added, in `folder`, within `timeout`
    /// seconds (killed after that, status -9).
    public static func partnerctl(
        _ arguments: [String], environment: [String: String] = [:], folder: String? = nil, timeout: Double = 30
    ) async throws -> CommandRun {
        try await run("partnerctl", arguments, environment: environment, folder: folder, timeout: timeout)
    }

    /// Runs the package's executable `name` (see `Binaries`); the rest as `runBlocking`, on a
    /// thread of its own.
    public static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], folder: String? = nil,
        timeout: Double = 30
    ) async throws -> CommandRun {
        let path = try Binaries.path(name)
        return try await onThread {
            try runBlocking(path: path, arguments, environment: environment, folder: folder, timeout: timeout)
        }
    }

    /// Runs the program at `path` with `arguments`, `input` on standard input (else nothing),
    /// `environment` added to this process's (no `PARTNER_TOKEN` / `PARTNER_TARGET`
    /// inherited), in `folder`, within `timeout` seconds (killed after that, status -9). Both
    /// pipes are read to their end on threads of their own, so a full pipe never blocks the
    /// child. Blocking: for tests on a thread of their own.
    /// - Throws: when the program cannot be started.
    public static func runBlocking(
        path: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:],
        folder: String? = nil, timeout: Double = 30
    ) throws -> CommandRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["PARTNER_TOKEN"] = nil
        env["PARTNER_TARGET"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        let inPipe = input.map { _ in Pipe() }
        process.standardInput = inPipe ?? FileHandle.nullDevice
        try process.run()
        let out = Reader(outPipe.fileHandleForReading)
        let err = Reader(errPipe.fileHandleForReading)
        if let input, let inPipe {
            try? inPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let exited = !process.isRunning
        if !exited { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return CommandRun(status: exited ? process.terminationStatus : -9, out: out.text(), err: err.text())
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class Reader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            let thread = Thread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
            thread.start()
        }

        /// The text read, once the pipe has ended (at most 10 s after the child).
        func text() -> String {
            guard done.wait(timeout: .now() + 10) == .success else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
    }
}

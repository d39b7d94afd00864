import Foundation

/// The outcome of running one of the package's executables (`partnerctl`, `partner-server`
/// subcommands) to its end.
public struct CommandRun: Sendable {
    /// The exit status (-9 when it was killed for running past its timeout).
    public var status: Int32
    /// Standard output.
    public var out: String
    /// Standard error.
    public var err: String

    /// Runs `partnerctl arguments` with `environment` added, in `folder`, within `timeout`
    /// seconds (killed after that, status -9).
    public static func partnerctl(
        _ arguments: [String], environment: [String: String] = [:], folder: String? = nil, timeout: Double = 30
    ) async throws -> CommandRun {
        try await run("partnerctl", arguments, environment: environment, folder: folder, timeout: timeout)
    }

    /// Runs the package's executable `name` with `arguments` and `environment` added (no
    /// `PARTNER_TOKEN` / `PARTNER_TARGET` inherited), in `folder`, within `timeout` seconds
    /// (killed after that, status -9). Both pipes are read to their end on threads of their own.
    public static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], folder: String? = nil,
        timeout: Double = 30
    ) async throws -> CommandRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path(name))
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
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes on threads of their own so a full pipe never blocks the child.
        async let out = Self.readAll(outPipe.fileHandleForReading)
        async let err = Self.readAll(errPipe.fileHandleForReading)
        let exited = await eventually(timeout) { !process.isRunning }
        if !exited {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return CommandRun(status: exited ? process.terminationStatus : -9, out: await out, err: await err)
    }

    private static func readAll(_ handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let data = handle.readDataToEndOfFile()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
            thread.start()
        }
    }
}

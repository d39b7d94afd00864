import Foundation

/// Finds the executables built beside the test binary (`partner-server`, `partnerctl`), or
/// the path in `$PARTNER_SERVER` / `$PARTNERCTL`.
public enum Binaries {
    /// The executable `name`, or the path in its environment variable.
    /// - Throws: `TestFailure` naming the folders searched.
    public static func path(_ name: String) throws -> String {
        let variable = name.uppercased().replacingOccurrences(of: "-", with: "_")
        if let path = ProcessInfo.processInfo.environment[variable] { return path }
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL)
        for folder in folders {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestFailure("\(name) not found in \(folders.map(\.path)); build the package or set \(variable)")
    }
}

/// A test harness failure with a plain message.
public struct TestFailure: Error, CustomStringConvertible {
    /// What failed.
    public var description: String
    /// A failure saying `description`.
    public init(_ description: String) { self.description = description }
}

/// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
public func eventually(_ seconds: Double, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while !(await condition()) {
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return true
}

/// Runs blocking work (process start, pipe reads) on a thread of its own, so the test's waits
/// never hold one of the few cooperative threads that every suite of the run shares.
public func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

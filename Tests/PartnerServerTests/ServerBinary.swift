import Foundation

/// Finds the `partner-server` executable built beside the test binary (or `$PARTNER_SERVER`).
enum ServerBinary {
    static func path() throws -> String {
        if let path = ProcessInfo.processInfo.environment["PARTNER_SERVER"] { return path }
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL)
        for folder in folders {
            let candidate = folder.appendingPathComponent("partner-server").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ServerBinaryMissing(folders: folders.map(\.path))
    }
}

/// `partner-server` was not built beside the tests.
struct ServerBinaryMissing: Error, CustomStringConvertible {
    var folders: [String]
    var description: String { "partner-server not found in \(folders); build the package or set PARTNER_SERVER" }
}

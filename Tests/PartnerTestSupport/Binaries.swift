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

import Foundation
import Glibc
import PartnerTestSupport

/// The crash tests' database check and folders.
enum CrashHarness {
    /// `PRAGMA integrity_check` of the server's database, run by the `sqlite3` tool while no
    /// server is running: "ok" for an intact file.
    /// - Throws: `TestFailure` when the tool is not installed (`.ci/run` installs it).
    static func integrityCheck(data: String) throws -> String {
        guard
            let tool = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { throw TestFailure("sqlite3 is not installed: apt-get install sqlite3 (.ci/run does it)") }
        let run = try CommandRun.runBlocking(path: tool, [data + "/partner.sqlite", "PRAGMA integrity_check;"])
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh folder under the temporary directory.
    static func temporaryFolder() throws -> String {
        try TemporaryFolders.make("partner-crash")
    }
}

// Which store partner-server uses: SQLite in --data (the default), or PostgreSQL shared by
// several replicas with --database-url / PARTNER_DATABASE_URL. Kept apart from main.swift so
// the store choice is one small, separate piece.
import Foundation
import PartnerCore
import PartnerService
import ToolSupport

/// The store flags of `partner-server`.
enum StoreSelection {
    /// The environment variable read when `--database-url` is not given.
    static let environmentVariable = "PARTNER_DATABASE_URL"

    /// Usage lines for the store options.
    static let usage = """
          --database-url URL              keep records in PostgreSQL (postgresql://USER[:PASSWORD]@HOST:PORT/DB),
                                          shared by any number of replicas; also PARTNER_DATABASE_URL. Without
                                          it: SQLite in --data
        """

    /// `--database-url`, else `PARTNER_DATABASE_URL`, else nil (SQLite).
    /// - Throws: `CommandLineError` when the value is not a postgresql:// or postgres:// URL.
    static func databaseURL(_ args: inout CommandArguments) throws -> String? {
        let given = args.value("database-url") ?? ProcessInfo.processInfo.environment[environmentVariable]
        guard let url = given, !url.isEmpty else { return nil }
        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
            throw CommandLineError(
                "option --database-url (or \(environmentVariable)) must be a postgresql://USER@HOST:PORT/DB URL, got '\(url)'"
            )
        }
        return url
    }

    /// How the store is named in logs: the URL without its password, or the SQLite folder.
    static func describe(url: String?, data: String) -> String {
        guard let url else { return "sqlite:\(data)" }
        guard let scheme = url.range(of: "://"), let at = url.range(of: "@", range: scheme.upperBound..<url.endIndex),
            let colon = url[scheme.upperBound..<at.lowerBound].firstIndex(of: ":")
        else { return url }
        return String(url[..<colon]) + ":***" + String(url[at.lowerBound...])
    }
}

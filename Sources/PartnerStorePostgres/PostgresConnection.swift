import CLibPQ
import Foundation

/// One libpq connection. Blocking: use it from one thread at a time (the pool and the
/// listener guarantee that), never from a cooperative Swift thread that others need.
///
/// Statements run through the extended protocol with text parameters; those run often are
/// prepared once per connection under a generated name and found again by their SQL text.
final class PostgresConnection: @unchecked Sendable {
    /// The connection string it was opened with (a `postgresql://` URL or libpq keywords).
    let url: String
    private var handle: OpaquePointer?
    private var prepared: [String: String] = [:]

    /// Connects to `url` and sets the session up: UTC, synchronous commit on, and an
    /// application name operators see in `pg_stat_activity`.
    /// - Throws: `PostgresError` naming why the connection failed.
    init(url: String, applicationName: String = "partner-server") throws {
        self.url = url
        try connect(applicationName: applicationName)
    }

    deinit { close() }

    private func connect(applicationName: String) throws {
        let connection = PQconnectdb(url)
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let connection { PQfinish(connection) }
            throw PostgresError(sqlState: nil, message: "cannot connect to \(Self.redacted(url)): \(Self.trim(message))")
        }
        handle = connection
        prepared = [:]
        // An answered write must be durable: never let a server default weaken the commit.
        try execute(
            "SET synchronous_commit = on; SET client_min_messages = error; SET TIME ZONE 'UTC'; SET application_name = '\(applicationName)'")
    }

    /// Closes the connection; later statements throw.
    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Whether the connection is open and usable.
    var isHealthy: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// Drops and re-opens the connection (after the server restarted or the socket broke).
    /// - Throws: `PostgresError` when the server cannot be reached.
    func reconnect() throws {
        close()
        try connect(applicationName: "partner-server")
    }

    /// The socket, for waiting on notifications.
    var socket: Int32 { handle.map { PQsocket($0) } ?? -1 }

    /// Runs one or more statements without parameters (simple protocol).
    /// - Throws: `PostgresError` with the server's SQLSTATE.
    @discardableResult
    func execute(_ sql: String) throws -> PostgresRows {
        guard let handle else { throw Self.closedError }
        return try Self.consume(PQexec(handle, sql), handle)
    }

    /// Runs `sql` with `$1...` bound to `parameters` (text format), preparing it on first use.
    /// - Throws: `PostgresError` with the server's SQLSTATE.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws -> PostgresRows {
        guard let handle else { throw Self.closedError }
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = "s\(prepared.count + 1)"
            _ = try Self.consume(PQprepare(handle, name, sql, Int32(parameters.count), nil), handle)
            prepared[sql] = name
        }
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { for copy in copies { free(copy) } }
        let result = copies.map { UnsafePointer<CChar>($0) }.withUnsafeBufferPointer { values in
            PQexecPrepared(handle, name, Int32(values.count), values.baseAddress, nil, nil, 0)
        }
        return try Self.consume(result, handle)
    }

    /// Reads what arrived on the socket and returns the notifications received, as
    /// (channel, payload, sender pid).
    /// - Throws: `PostgresError` when the connection broke.
    func notifications() throws -> [(channel: String, payload: String, pid: Int32)] {
        guard let handle else { throw Self.closedError }
        guard PQconsumeInput(handle) == 1 else {
            throw PostgresError(sqlState: nil, message: Self.trim(String(cString: PQerrorMessage(handle))))
        }
        var received: [(String, String, Int32)] = []
        while let notify = PQnotifies(handle) {
            received.append(
                (String(cString: notify.pointee.relname), String(cString: notify.pointee.extra), notify.pointee.be_pid))
            PQfreemem(notify)
        }
        return received
    }

    /// The server process id of this connection (notifications carry the sender's).
    var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    private static let closedError = PostgresError(sqlState: nil, message: "the connection is closed")

    private static func consume(_ result: OpaquePointer?, _ handle: OpaquePointer) throws -> PostgresRows {
        guard let result else {
            throw PostgresError(sqlState: nil, message: trim(String(cString: PQerrorMessage(handle))))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            let count = Int(PQntuples(result))
            let columns = Int(PQnfields(result))
            var rows: [[String?]] = []
            rows.reserveCapacity(count)
            for row in 0..<count {
                var values: [String?] = []
                values.reserveCapacity(columns)
                for column in 0..<columns {
                    if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                        values.append(nil)
                    } else {
                        values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                    }
                }
                rows.append(values)
            }
            let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
            return PostgresRows(rows: rows, affected: affected)
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = PQresultErrorMessage(result).map { String(cString: $0) } ?? "unknown error"
            throw PostgresError(sqlState: state, message: trim(message))
        }
    }

    private static func trim(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The URL without a password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url.range(of: "@", range: scheme.upperBound..<url.endIndex)
        else { return url }
        let credentials = url[scheme.upperBound..<at.lowerBound]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at.lowerBound...])
    }
}

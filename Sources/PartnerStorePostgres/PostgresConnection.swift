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
    /// Statements whose results nobody waits for, sent ahead of the next statement in the same
    /// round trip (see `deferStatement`).
    private var deferred: [String] = []

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
            throw PostgresError(
                sqlState: nil, message: "cannot connect to \(Self.redacted(url)): \(Self.trim(message))")
        }
        handle = connection
        prepared = [:]
        // An answered write must be durable: never let a server default weaken the commit.
        try execute(
            "SET synchronous_commit = on; SET client_min_messages = error; SET TIME ZONE 'UTC'; SET application_name = '\(applicationName)'"
        )
    }

    /// Closes the connection; later statements throw.
    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        deferred = []
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
        let text = deferred.isEmpty ? sql : (deferred + [sql]).joined(separator: ";\n")
        deferred.removeAll(keepingCapacity: true)
        return try Self.consume(PQexec(handle, text), handle)
    }

    /// Queues a statement whose result is not needed (an INSERT, an UPDATE of a locked row, a
    /// SAVEPOINT): it travels with the next statement, in one simple-protocol round trip, its
    /// parameters written as escaped literals. A failure of a deferred statement surfaces as
    /// the failure of the statement it travelled with (the rest of the text is not run).
    func deferStatement(_ sql: String, _ parameters: [String?] = []) throws {
        deferred.append(try interpolate(sql, parameters))
    }

    /// How many statements wait to be sent.
    var deferredCount: Int { deferred.count }

    /// Drops the statements queued after the first `count` (a body rolled back before they were sent).
    func dropDeferred(keeping count: Int) {
        if deferred.count > count { deferred.removeLast(deferred.count - count) }
    }

    /// `sql` with `$n` replaced by the escaped literal of `parameters[n - 1]` (NULL for nil).
    /// Our statements hold no `$` inside their own string literals.
    private func interpolate(_ sql: String, _ parameters: [String?]) throws -> String {
        guard let handle else { throw Self.closedError }
        var literals: [String] = []
        literals.reserveCapacity(parameters.count)
        for parameter in parameters {
            guard let parameter else {
                literals.append("NULL")
                continue
            }
            let utf8 = Array(parameter.utf8CString)
            guard let escaped = PQescapeLiteral(handle, utf8, utf8.count - 1) else {
                throw PostgresError(sqlState: nil, message: Self.trim(String(cString: PQerrorMessage(handle))))
            }
            literals.append(String(cString: escaped))
            PQfreemem(escaped)
        }
        var result = ""
        result.reserveCapacity(sql.utf8.count + literals.reduce(0) { $0 + $1.utf8.count })
        var index = sql.startIndex
        while index < sql.endIndex {
            let character = sql[index]
            if character == "$" {
                var end = sql.index(after: index)
                while end < sql.endIndex, sql[end].isASCII, sql[end].isNumber { end = sql.index(after: end) }
                if let number = Int(sql[sql.index(after: index)..<end]), number >= 1, number <= literals.count {
                    result += literals[number - 1]
                    index = end
                    continue
                }
            }
            result.append(character)
            index = sql.index(after: index)
        }
        return result
    }

    /// Runs `sql` with `$1...` bound to `parameters` (text format), preparing it on first use.
    /// - Throws: `PostgresError` with the server's SQLSTATE.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws -> PostgresRows {
        guard let handle else { throw Self.closedError }
        if !deferred.isEmpty {
            // Deferred statements ride along: one round trip, the last statement's result.
            return try execute(try interpolate(sql, parameters))
        }
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

import CLibPQ
import Foundation

/// One libpq connection. Blocking: use it from one thread at a time (the pool and the
/// listener guarantee that), never from a cooperative Swift thread that others need.
///
/// Statements run through the extended protocol with text parameters, prepared once per
/// connection under a generated name and found again by their SQL text. Statements whose result
/// nobody waits for can be deferred: they then travel with the next one in a libpq pipeline,
/// one round trip for all.
final class PostgresConnection: @unchecked Sendable {
    /// The connection string it was opened with (a `postgresql://` URL or libpq keywords).
    let url: String
    private var handle: OpaquePointer?
    private var prepared: [String: String] = [:]
    /// Statements whose results nobody waits for, sent ahead of the next statement in the same
    /// round trip (see `deferStatement`).
    private var deferred: [Statement] = []
    /// Prepared statements named so far (names are never reused, even when a prepare failed).
    private var statementCount = 0

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

    /// Runs one or more statements without parameters (simple protocol). With deferred
    /// statements queued, `sql` must be one statement: it travels with them (`query`).
    /// - Throws: `PostgresError` with the server's SQLSTATE.
    @discardableResult
    func execute(_ sql: String) throws -> PostgresRows {
        guard let handle else { throw Self.closedError }
        if !deferred.isEmpty { return try pipeline(Statement(sql: sql, parameters: [], prepare: false)) }
        roundTrips += 1
        return try Self.consume(PQexec(handle, sql), handle)
    }

    /// Queues a statement whose result is not needed (an INSERT, an UPDATE of a locked row, a
    /// SAVEPOINT): it travels with the next statement in one round trip (libpq pipeline mode,
    /// prepared like any other). A failure of a deferred statement surfaces as the failure of
    /// the statement it travelled with (the statements after it are not run).
    /// - Parameter received: called with the statement's rows when they arrive (not when it
    ///   failed or did not run).
    func deferStatement(
        _ sql: String, _ parameters: [String?] = [], received: ((PostgresRows) -> Void)? = nil
    ) throws {
        guard handle != nil else { throw Self.closedError }
        deferred.append(Statement(sql: sql, parameters: parameters, prepare: true, received: received))
    }

    /// How many statements wait to be sent.
    var deferredCount: Int { deferred.count }

    /// Round trips made so far: unchanged between two reads, nothing was sent in between.
    private(set) var roundTrips = 0

    /// Drops the statements queued after the first `count` (a body rolled back before they were sent).
    func dropDeferred(keeping count: Int) {
        if deferred.count > count { deferred.removeLast(deferred.count - count) }
    }

    /// Runs `sql` with `$1...` bound to `parameters` (text format), preparing it on first use.
    /// - Throws: `PostgresError` with the server's SQLSTATE.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws -> PostgresRows {
        guard let handle else { throw Self.closedError }
        if !deferred.isEmpty { return try pipeline(Statement(sql: sql, parameters: parameters, prepare: true)) }
        roundTrips += 1
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = nextStatementName()
            _ = try Self.consume(PQprepare(handle, name, sql, Int32(parameters.count), nil), handle)
            prepared[sql] = name
        }
        let result = Self.withCStrings(parameters) { values in
            PQexecPrepared(handle, name, Int32(values.count), values.baseAddress, nil, nil, 0)
        }
        return try Self.consume(result, handle)
    }

    /// A statement waiting in the deferred queue or closing a pipeline.
    private struct Statement {
        var sql: String
        var parameters: [String?]
        /// Prepared under a name (false: sent unnamed, for one-off commands such as COMMIT).
        var prepare: Bool
        /// Gets the rows of a deferred statement.
        var received: ((PostgresRows) -> Void)? = nil
    }

    /// What one command sent in a pipeline answers with.
    private enum Sent {
        case prepare(sql: String, name: String)
        case statement(received: ((PostgresRows) -> Void)?)
    }

    /// Sends the deferred statements and `last` in one pipeline (one round trip), preparing
    /// those not yet prepared, and returns `last`'s result. Empties the queue.
    /// - Throws: the first statement's failure; the statements after it are not run.
    private func pipeline(_ last: Statement) throws -> PostgresRows {
        guard let handle else { throw Self.closedError }
        let statements = deferred + [last]
        deferred.removeAll(keepingCapacity: true)
        roundTrips += 1
        guard PQenterPipelineMode(handle) == 1 else { throw Self.failure(handle) }
        defer { _ = PQexitPipelineMode(handle) }
        var sent: [Sent] = []
        var naming: [String: String] = [:]  // prepared in this pipeline, not yet confirmed
        for statement in statements {
            var name = ""
            if statement.prepare {
                if let known = prepared[statement.sql] ?? naming[statement.sql] {
                    name = known
                } else {
                    name = nextStatementName()
                    guard PQsendPrepare(handle, name, statement.sql, Int32(statement.parameters.count), nil) == 1 else {
                        throw Self.failure(handle)
                    }
                    naming[statement.sql] = name
                    sent.append(.prepare(sql: statement.sql, name: name))
                }
            }
            let queued = Self.withCStrings(statement.parameters) { values in
                statement.prepare
                    ? PQsendQueryPrepared(handle, name, Int32(values.count), values.baseAddress, nil, nil, 0)
                    : PQsendQueryParams(handle, statement.sql, 0, nil, nil, nil, nil, 0)
            }
            guard queued == 1 else { throw Self.failure(handle) }
            sent.append(.statement(received: statement.received))
        }
        guard PQpipelineSync(handle) == 1 else { throw Self.failure(handle) }

        // Each command answers with one result and then nil; the sync point ends the pipeline.
        var index = 0
        var firstError: PostgresError?
        var lastRows = PostgresRows(rows: [], affected: 0)
        while index <= sent.count {
            guard let result = PQgetResult(handle) else {
                index += 1
                if PQstatus(handle) != CONNECTION_OK {
                    throw firstError ?? Self.failure(handle)
                }
                continue
            }
            if PQresultStatus(result) == PGRES_PIPELINE_SYNC {
                PQclear(result)
                break
            }
            if PQresultStatus(result) == PGRES_PIPELINE_ABORTED || index >= sent.count {
                PQclear(result)
                continue
            }
            do {
                let rows = try Self.consume(result, handle)
                switch sent[index] {
                case .prepare(let sql, let name): prepared[sql] = name
                case .statement(let received):
                    received?(rows)
                    if index == sent.count - 1 { lastRows = rows }
                }
            } catch let error as PostgresError {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return lastRows
    }

    /// A fresh name for a prepared statement on this connection.
    private func nextStatementName() -> String {
        statementCount += 1
        return "s\(statementCount)"
    }

    /// Calls `body` with C copies of `strings` (NULL for nil), freed afterwards.
    private static func withCStrings<T>(
        _ strings: [String?], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) -> T
    ) -> T {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { for copy in copies { free(copy) } }
        return copies.map { UnsafePointer<CChar>($0) }.withUnsafeBufferPointer(body)
    }

    private static func failure(_ handle: OpaquePointer) -> PostgresError {
        PostgresError(sqlState: nil, message: trim(String(cString: PQerrorMessage(handle))))
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

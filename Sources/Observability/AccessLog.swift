public import FramedRPC
public import ToolSupport

/// The access log: one line per finished or refused call, and one per connection opened and
/// closed (with why), written through a `LogfmtLogger` (logfmt or JSON).
///
/// A call line (`event=call`) carries: `method`, `status` (the code's name), `ms` (from
/// reading the request to handing the answer over), `bytes_in`, `bytes_out`, `items` (stream
/// items, when any), `peer`, `conn` (connection id), `call_id` (the request id as JSON text),
/// the fields interceptors added (`agent`, `partner` once authenticated; never a token),
/// `idem` (`yes` when `meta.idempotencyKey` was sent; never its value), `trace_id` (of a
/// well-formed `meta.traceparent`), and for errors `message`. OK calls are logged at info,
/// every other status at warning. At debug (mode `on`) every frame in and out also gets an
/// `event=frame` line: direction, size, kind, method, call id, error code; never its params,
/// result or meta. Connection lines (`event=connection.opened`,
/// `connection.closed` with `reason` and `detail`) are logged at debug when the peer or the
/// server ended an ordinary life (client, idle, drain) and at warning otherwise.
///
/// ```swift
/// var config = RPCServerConfig()
/// config.observer = AccessLog(mode: .on, logger: LogfmtLogger(format: .json))
/// ```
public struct AccessLog: RPCServerObserver {
    /// How much is logged.
    public enum Mode: String, Sendable, CaseIterable {
        /// Nothing.
        case off
        /// Every call and connection.
        case on
        /// Calls that did not end OK, and connections closed abnormally (stall, limit, frame
        /// timeout, protocol error, TLS, socket error).
        case errors
    }

    /// What is logged.
    public let mode: Mode
    /// Where lines go.
    public let logger: LogfmtLogger

    /// Creates an access log.
    public init(mode: Mode, logger: LogfmtLogger) {
        self.mode = mode
        self.logger = logger
    }

    /// Reasons for which a closed connection is an ordinary event.
    static let ordinaryCloses: Set<RPCCloseReason> = [.client, .idle, .drain, .server]

    /// Logs `connection.opened` (info, only in mode `on`).
    public func connectionOpened(_ connection: RPCConnectionInfo) {
        guard mode == .on, logger.isEnabled(.info) else { return }
        logger.log(.info, "connection.opened", ["conn": "\(connection.id)", "peer": connection.peer])
    }

    /// Logs `connection.closed` with its reason and how long it lived.
    public func connectionClosed(_ connection: RPCConnectionInfo, reason: RPCCloseReason, detail: String) {
        let ordinary = Self.ordinaryCloses.contains(reason)
        guard mode == .on || (mode == .errors && !ordinary) else { return }
        let level: LogfmtLogger.Level = ordinary ? .info : .warning
        guard logger.isEnabled(level) else { return }
        let lived = connection.openedAt.duration(to: .now)
        logger.log(
            level, "connection.closed",
            [
                "conn": "\(connection.id)", "peer": connection.peer, "reason": reason.name, "detail": detail,
                "seconds": Self.decimal(lived, scale: 1),
            ])
    }

    /// True in mode `on` at level debug: each frame in and out gets a `frame` line.
    public var observesFrames: Bool { mode == .on && logger.isEnabled(.debug) }

    /// Logs a `frame` line (debug) for a frame that arrived.
    public func frameReceived(_ connection: RPCConnectionInfo, _ frame: RPCFrameSummary) {
        logFrame(connection, frame, direction: "in")
    }

    /// Logs a `frame` line (debug) for a frame handed to the transport.
    public func frameSent(_ connection: RPCConnectionInfo, _ frame: RPCFrameSummary) {
        logFrame(connection, frame, direction: "out")
    }

    /// `event=frame dir=in|out conn bytes kind [method] [id] [code] [messages]`: names, ids and
    /// codes only, never params, results or meta.
    private func logFrame(_ connection: RPCConnectionInfo, _ frame: RPCFrameSummary, direction: String) {
        var fields: [(key: String, value: String)] = [
            ("dir", direction), ("conn", "\(connection.id)"), ("bytes", "\(frame.bytes)"),
            ("kind", frame.kind.rawValue),
        ]
        if let method = frame.method { fields.append(("method", method)) }
        if let id = frame.id { fields.append(("call_id", id)) }
        if let code = frame.code { fields.append(("code", "\(code)")) }
        if let count = frame.batchCount { fields.append(("messages", "\(count)")) }
        logger.log(.debug, "frame", fields: fields)
    }

    /// Logs one `call` line.
    public func callFinished(_ record: RPCCallRecord) {
        guard mode == .on || (mode == .errors && record.isError) else { return }
        let level: LogfmtLogger.Level = record.isError ? .warning : .info
        guard logger.isEnabled(level) else { return }
        logger.log(level, "call", fields: Self.fields(of: record))
    }

    /// The fields of a call line, in order.
    public static func fields(of record: RPCCallRecord) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = []
        fields.reserveCapacity(12 + record.annotations.count)
        fields.append(("method", record.method.isEmpty ? "-" : record.method))
        fields.append(("status", record.status.name))
        fields.append(("ms", decimal(record.duration, scale: 1000)))
        fields.append(("bytes_in", String(record.bytesIn)))
        fields.append(("bytes_out", String(record.bytesOut)))
        if record.itemsSent > 0 { fields.append(("items", String(record.itemsSent))) }
        fields.append(("peer", record.peer))
        fields.append(("conn", String(record.connectionID)))
        fields.append(("call_id", record.callID ?? "-"))
        fields.append(contentsOf: record.annotations)
        fields.append(("idem", record.hasIdempotencyKey ? "yes" : "no"))
        if let trace = record.traceID { fields.append(("trace_id", trace)) }
        if let message = record.message {
            fields.append(("message", message.utf8.count > 300 ? String(message.prefix(300)) + "..." : message))
        }
        return fields
    }

    /// `duration` in units of 1/`scale` s with three decimals ("0.210").
    static func decimal(_ duration: Duration, scale: Int64) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let thousandths = micros * scale / 1000
        let whole = thousandths / 1000
        let fraction = String(thousandths % 1000)
        return "\(whole)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

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
        guard mode == .on, var line = logger.line(.info, "connection.opened") else { return }
        line.field("conn", connection.id)
        line.field("peer", connection.peer)
        logger.write(line)
    }

    /// Logs `connection.closed` with its reason and how long it lived.
    public func connectionClosed(_ connection: RPCConnectionInfo, reason: RPCCloseReason, detail: String) {
        let ordinary = Self.ordinaryCloses.contains(reason)
        guard mode == .on || (mode == .errors && !ordinary) else { return }
        guard var line = logger.line(ordinary ? .info : .warning, "connection.closed") else { return }
        line.field("conn", connection.id)
        line.field("peer", connection.peer)
        line.field("reason", reason.name)
        line.field("detail", detail)
        line.field("seconds", thousandths: Self.thousandths(of: connection.openedAt.duration(to: .now), scale: 1))
        logger.write(line)
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
        guard var line = logger.line(.debug, "frame") else { return }
        line.field("dir", direction)
        line.field("conn", connection.id)
        line.field("bytes", frame.bytes)
        line.field("kind", frame.kind.rawValue)
        if let method = frame.method { line.field("method", method) }
        if let id = frame.id { line.field("call_id", id) }
        if let code = frame.code { line.field("code", code) }
        if let count = frame.batchCount { line.field("messages", count) }
        logger.write(line)
    }

    /// Logs one `call` line: its fields written straight into the line, in order.
    public func callFinished(_ record: RPCCallRecord) {
        guard mode == .on || (mode == .errors && record.isError) else { return }
        guard var line = logger.line(record.isError ? .warning : .info, "call") else { return }
        line.field("method", record.method.isEmpty ? "-" : record.method)
        line.field("status", record.status.name)
        line.field("ms", thousandths: Self.thousandths(of: record.duration, scale: 1000))
        line.field("bytes_in", record.bytesIn)
        line.field("bytes_out", record.bytesOut)
        if record.itemsSent > 0 { line.field("items", record.itemsSent) }
        line.field("peer", record.peer)
        line.field("conn", record.connectionID)
        line.field("call_id", record.callID ?? "-")
        for (key, value) in record.annotations { line.field(key, value) }
        line.field("idem", record.hasIdempotencyKey ? "yes" : "no")
        if let trace = record.traceID { line.field("trace_id", trace) }
        if let message = record.message {
            line.field("message", message.utf8.count > 300 ? String(message.prefix(300)) + "..." : message)
        }
        logger.write(line)
    }

    /// `duration` in thousandths of 1/`scale` s, truncated (`LogLine.field(_:thousandths:)`
    /// writes 210 as `0.210`): scale 1000 gives milliseconds, 1 seconds.
    static func thousandths(of duration: Duration, scale: Int64) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return micros * scale / 1000
    }
}

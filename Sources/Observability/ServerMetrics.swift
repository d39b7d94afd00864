public import FramedRPC
import Synchronization

/// Counts what a server does, for Prometheus: an `RPCServerObserver` (calls, connections),
/// a store commit hook (`storeCommitted`), and, at scrape time, the store's files, the
/// process's figures and build information. `exposition()` renders the page.
///
/// Names follow grpc-ecosystem's go-grpc-prometheus, prefixed `partner_`:
/// `partner_rpc_server_started_total{method}`, `partner_rpc_server_handled_total{method,code}`,
/// `partner_rpc_server_handling_seconds{method}` (histogram), `partner_rpc_server_msg_sent_total{method}`
/// (stream items). The `method` label is a method the server serves, or `unknown` for every
/// other name (and requests too broken to name one), so its values are bounded by the schema.
///
/// ```swift
/// let metrics = ServerMetrics(build: .init(version: "1.0.0", commit: "abc123"))
/// config.observer = metrics
/// let page = metrics.exposition()
/// ```
public final class ServerMetrics: RPCServerObserver, Sendable {
    /// What `partner_build_info` says.
    public struct Build: Sendable {
        /// The release version.
        public var version: String
        /// The git commit the binary was built from.
        public var commit: String
        /// Creates build information.
        public init(version: String, commit: String) {
            self.version = version
            self.commit = commit
        }
    }

    struct MethodStats {
        var started: UInt64 = 0
        var handled = [UInt64](repeating: 0, count: 17)
        var latency = Histogram(bounds: Histogram.latencyBounds)
        var itemsSent: UInt64 = 0
    }

    struct State {
        var methods: [String: MethodStats] = [:]
        var inFlight = 0
        var connectionsOpen = 0
        var connectionsOpened: UInt64 = 0
        var closedByReason: [String: UInt64] = [:]
        var bytesIn: UInt64 = 0
        var bytesOut: UInt64 = 0
        var authRefused: UInt64 = 0
        var rateLimited: [String: UInt64] = [:]
        var commitSeconds = Histogram(bounds: Histogram.latencyBounds)
        var commitWrites = Histogram(bounds: Histogram.batchBounds)
        var commitFailures: UInt64 = 0
    }

    /// The label used for every method the server does not serve.
    public static let unknownMethod = "unknown"

    private let state = Mutex(State())
    private let build: Build
    private let databasePath: String?

    /// Creates the counters.
    /// - Parameters:
    ///   - build: version and commit for `partner_build_info`.
    ///   - databasePath: the SQLite file whose size (and its `-wal`'s) is reported.
    public init(build: Build, databasePath: String? = nil) {
        self.build = build
        self.databasePath = databasePath
    }

    // MARK: RPCServerObserver

    /// Counts an open connection.
    public func connectionOpened(_ connection: RPCConnectionInfo) {
        state.withLock { s in
            s.connectionsOpen += 1
            s.connectionsOpened += 1
        }
    }

    /// Counts a closed connection by reason.
    public func connectionClosed(_ connection: RPCConnectionInfo, reason: RPCCloseReason, detail: String) {
        state.withLock { s in
            s.connectionsOpen -= 1
            s.closedByReason[reason.name, default: 0] += 1
        }
    }

    /// Counts a started handler.
    public func callStarted(_ call: RPCCallStart) {
        state.withLock { s in
            s.methods[call.method, default: MethodStats()].started += 1
            s.inFlight += 1
        }
    }

    /// Counts a finished call: status, latency, bytes, items, refusals.
    public func callFinished(_ record: RPCCallRecord) {
        let label = record.isRegistered ? record.method : Self.unknownMethod
        let seconds =
            Double(record.duration.components.seconds)
            + Double(record.duration.components.attoseconds) / 1e18
        var limitedScope: String?
        for (key, value) in record.annotations where key == "limited" {
            limitedScope = value == "connection" || value == "agent" ? value : "other"
        }
        state.withLock { s in
            // In place, through one lookup: copying the stats out and back would copy their
            // arrays on every call, and each subscript would hash the name again.
            Self.count(record, seconds: seconds, in: &s.methods[label, default: MethodStats()])
            if record.handlerStarted { s.inFlight -= 1 }
            s.bytesIn += UInt64(record.bytesIn)
            s.bytesOut += UInt64(record.bytesOut)
            if record.status == .unauthenticated { s.authRefused += 1 }
            if let limitedScope { s.rateLimited[limitedScope, default: 0] += 1 }
        }
    }

    private static func count(_ record: RPCCallRecord, seconds: Double, in stats: inout MethodStats) {
        stats.handled[record.status.rawValue] += 1
        stats.latency.observe(seconds)
        stats.itemsSent += UInt64(record.itemsSent)
    }

    // MARK: Store

    /// Counts one store COMMIT of `writes` writes that took `duration` (or failed).
    public func storeCommitted(writes: Int, duration: Duration, succeeded: Bool) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        state.withLock { s in
            s.commitSeconds.observe(seconds)
            s.commitWrites.observe(Double(writes))
            if !succeeded { s.commitFailures += 1 }
        }
    }

    // MARK: Exposition

    /// The whole page in the Prometheus text format; `ready` (what `/readyz` would answer)
    /// becomes `partner_server_ready` when given.
    public func exposition(ready: Bool? = nil) -> String {
        let s = state.withLock { $0 }
        var page = PrometheusText()
        let methods = s.methods.keys.sorted()

        page.family(
            "partner_rpc_server_started_total", type: "counter", help: "Calls whose handler started, by method.")
        for method in methods {
            page.sample("partner_rpc_server_started_total", [("method", method)], count: s.methods[method]!.started)
        }

        page.family(
            "partner_rpc_server_handled_total", type: "counter",
            help: "Calls answered (refused ones included), by method and status code.")
        for method in methods {
            for code in RPCError.Code.allCases where s.methods[method]!.handled[code.rawValue] > 0 {
                page.sample(
                    "partner_rpc_server_handled_total", [("method", method), ("code", code.name)],
                    count: s.methods[method]!.handled[code.rawValue])
            }
        }

        page.family(
            "partner_rpc_server_handling_seconds", type: "histogram",
            help: "Time from reading a call to handing its answer to the transport, by method.")
        for method in methods {
            page.histogram(
                "partner_rpc_server_handling_seconds", labels: [("method", method)], s.methods[method]!.latency)
        }

        page.family(
            "partner_rpc_server_msg_sent_total", type: "counter", help: "Stream items ($/item) sent, by method.")
        for method in methods where s.methods[method]!.itemsSent > 0 {
            page.sample("partner_rpc_server_msg_sent_total", [("method", method)], count: s.methods[method]!.itemsSent)
        }

        page.family("partner_rpc_server_in_flight_calls", type: "gauge", help: "Calls started and not yet answered.")
        page.sample("partner_rpc_server_in_flight_calls", value: Double(s.inFlight))

        page.family("partner_rpc_server_connections_open", type: "gauge", help: "Open connections.")
        page.sample("partner_rpc_server_connections_open", value: Double(s.connectionsOpen))
        page.family("partner_rpc_server_connections_opened_total", type: "counter", help: "Connections accepted.")
        page.sample("partner_rpc_server_connections_opened_total", count: s.connectionsOpened)
        page.family(
            "partner_rpc_server_connections_closed_total", type: "counter",
            help:
                "Connections closed, by reason (idle, stall, frame_timeout, limit, protocol_error, tls, drain, client, error, server)."
        )
        for reason in RPCCloseReason.all {
            page.sample(
                "partner_rpc_server_connections_closed_total", [("reason", reason.name)],
                count: s.closedByReason[reason.name] ?? 0)
        }

        page.family(
            "partner_rpc_server_received_bytes_total", type: "counter", help: "Bytes of the frames that carried calls.")
        page.sample("partner_rpc_server_received_bytes_total", count: s.bytesIn)
        page.family("partner_rpc_server_sent_bytes_total", type: "counter", help: "Bytes of answers and stream items.")
        page.sample("partner_rpc_server_sent_bytes_total", count: s.bytesOut)
        page.family(
            "partner_rpc_server_auth_refused_total", type: "counter", help: "Calls answered UNAUTHENTICATED.")
        page.sample("partner_rpc_server_auth_refused_total", count: s.authRefused)
        page.family(
            "partner_rpc_server_rate_limited_total", type: "counter",
            help: "Calls refused by a rate limit, by scope (connection, agent).")
        for scope in ["connection", "agent"] {
            page.sample("partner_rpc_server_rate_limited_total", [("scope", scope)], count: s.rateLimited[scope] ?? 0)
        }

        page.family(
            "partner_store_commit_seconds", type: "histogram", help: "Duration of each store COMMIT (with its fsync).")
        page.histogram("partner_store_commit_seconds", s.commitSeconds)
        page.family("partner_store_commit_writes", type: "histogram", help: "Writes batched into each store COMMIT.")
        page.histogram("partner_store_commit_writes", s.commitWrites)
        page.family("partner_store_commit_failures_total", type: "counter", help: "Store COMMITs that failed.")
        page.sample("partner_store_commit_failures_total", count: s.commitFailures)
        if let databasePath {
            page.family("partner_store_database_bytes", type: "gauge", help: "Size of the SQLite database file.")
            page.sample("partner_store_database_bytes", value: Double(ProcessStats.fileSize(databasePath)))
            page.family("partner_store_wal_bytes", type: "gauge", help: "Size of the SQLite write-ahead log.")
            page.sample("partner_store_wal_bytes", value: Double(ProcessStats.fileSize(databasePath + "-wal")))
        }
        if let ready {
            page.family(
                "partner_server_ready", type: "gauge",
                help: "1 when /readyz answers 200: serving and the store reachable.")
            page.sample("partner_server_ready", value: ready ? 1 : 0)
        }

        if let process = ProcessStats.current() {
            page.family(
                "process_cpu_seconds_total", type: "counter", help: "Total user and system CPU time spent in seconds.")
            page.sample("process_cpu_seconds_total", value: process.cpuSeconds)
            page.family("process_resident_memory_bytes", type: "gauge", help: "Resident memory size in bytes.")
            page.sample("process_resident_memory_bytes", value: process.residentBytes)
            page.family("process_virtual_memory_bytes", type: "gauge", help: "Virtual memory size in bytes.")
            page.sample("process_virtual_memory_bytes", value: process.virtualBytes)
            page.family("process_open_fds", type: "gauge", help: "Number of open file descriptors.")
            page.sample("process_open_fds", value: Double(process.openFDs))
            page.family("process_max_fds", type: "gauge", help: "Maximum number of open file descriptors.")
            page.sample("process_max_fds", value: Double(process.maxFDs))
            page.family(
                "process_start_time_seconds", type: "gauge",
                help: "Start time of the process since unix epoch in seconds.")
            page.sample("process_start_time_seconds", value: process.startTimeSeconds)
        }
        page.family("partner_build_info", type: "gauge", help: "Always 1; the labels name the version and git commit.")
        page.sample("partner_build_info", [("version", build.version), ("commit", build.commit)], value: 1)
        return page.text
    }
}

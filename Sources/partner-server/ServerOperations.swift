import Dispatch
import FramedRPC
import Observability
import PartnerCore
import PartnerService
import PartnerStore
import Synchronization
import ToolSupport

/// partner-server's side for operators: the access log and the metrics as the runtime's
/// observer, and the HTTP listener for `/metrics`, `/healthz`, `/readyz`.
struct ServerOperations: Sendable {
    /// The counters, when `--metrics-listen` is set.
    let metrics: ServerMetrics?
    /// The HTTP listener, bound at creation.
    let probes: ProbeHTTPServer?
    /// What the runtime reports to: access log and metrics, or nil when both are off.
    let observer: (any RPCServerObserver)?

    /// Builds the observers and binds the probe listener (so a busy port fails before the
    /// data folder is touched).
    /// - Throws: `ProbeHTTPError` when `metricsListen` cannot be bound.
    init(accessLog: AccessLog.Mode, logger: LogfmtLogger, metricsListen: (host: String, port: Int)?, data: String)
        throws
    {
        var observers: [any RPCServerObserver] = []
        if accessLog != .off { observers.append(AccessLog(mode: accessLog, logger: logger)) }
        if let metricsListen {
            let metrics = ServerMetrics(
                build: .init(version: BuildInfo.version, commit: BuildInfo.commit),
                databasePath: SQLiteRecordStore.path(inDataFolder: data))
            self.metrics = metrics
            self.probes = try ProbeHTTPServer(host: metricsListen.host, port: metricsListen.port)
            observers.append(metrics)
        } else {
            self.metrics = nil
            self.probes = nil
        }
        switch observers.count {
        case 0: observer = nil
        case 1: observer = observers[0]
        default: observer = RPCObservers(observers)
        }
    }

    /// The store's commit hook feeding the metrics, or nil.
    var onCommit: (@Sendable (Int, Duration, Bool) -> Void)? {
        guard let metrics else { return nil }
        return { writes, duration, succeeded in
            metrics.storeCommitted(writes: writes, duration: duration, succeeded: succeeded)
        }
    }

    /// Starts answering HTTP requests for `app`.
    func start(app: PartnerApplication) {
        guard let probes, let metrics else { return }
        probes.start { request in
            switch request.path {
            case "/metrics":
                return .init(
                    status: 200, contentType: PrometheusText.contentType,
                    body: metrics.exposition(ready: Self.isReady(app)))
            case "/healthz":
                return .init(status: 200, body: "ok\n")
            case "/readyz":
                return Self.readiness(app)
            default:
                return .init(status: 404, body: "not found: try /metrics, /healthz or /readyz\n")
            }
        }
    }

    /// Stops the HTTP listener.
    func stop() { probes?.stop() }

    /// 200 when the server is serving and the store answers within a second; 503 with the
    /// reason otherwise (draining, store unreachable).
    static func readiness(_ app: PartnerApplication) -> ProbeHTTPServer.Response {
        guard app.server.health.status(of: "") == .serving else {
            return .init(status: 503, body: "not ready: draining\n")
        }
        guard storeAnswers(app.store) else { return .init(status: 503, body: "not ready: store unreachable\n") }
        return .init(status: 200, body: "ready\n")
    }

    static func isReady(_ app: PartnerApplication) -> Bool { readiness(app).status == 200 }

    /// Whether the store answers within one second: SQLite's `ping()` (`SELECT 1` on a reader),
    /// or a read transaction on PostgreSQL. Runs on the probe thread, never on the cooperative
    /// pool.
    static func storeAnswers(_ store: any RecordStore) -> Bool {
        let outcome = PingOutcome()
        Task {
            do {
                if let sqlite = store as? SQLiteRecordStore {
                    try await sqlite.ping()
                } else {
                    _ = try await store.read { tx in try tx.get(Partner.self, id: "-") }
                }
                outcome.answered.store(true, ordering: .releasing)
            } catch {}
            outcome.done.signal()
        }
        return outcome.done.wait(timeout: .now() + 1) == .success && outcome.answered.load(ordering: .acquiring)
    }
}

/// One readiness ping's outcome, shared with the task that runs it.
private final class PingOutcome: Sendable {
    let done = DispatchSemaphore(value: 0)
    let answered = Atomic<Bool>(false)
}

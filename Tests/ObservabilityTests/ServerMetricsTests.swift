import FramedRPC
import Glibc
import Observability
import Testing
import ToolSupport

@Suite("Server metrics and access log lines")
struct ServerMetricsTests {
    static func record(
        method: String, registered: Bool = true, status: RPCError.Code = .ok, started: Bool = true,
        annotations: [(key: String, value: String)] = []
    ) -> RPCCallRecord {
        RPCCallRecord(
            method: method, isRegistered: registered, callID: "1", status: status, message: status == .ok ? nil : "no",
            duration: .microseconds(1500), bytesIn: 100, bytesOut: 40, itemsSent: 0, peer: "127.0.0.1:1",
            connectionID: 1,
            hasIdempotencyKey: false, traceID: nil, handlerStarted: started, annotations: annotations)
    }

    @Test("methods the server does not serve share the label 'unknown', so labels stay bounded by the schema")
    func unknownMethodsFold() {
        let metrics = ServerMetrics(build: .init(version: "1", commit: "c"))
        for index in 0..<50 {
            metrics.callFinished(
                Self.record(method: "Junk.\(index)", registered: false, status: .unimplemented, started: false))
        }
        let page = metrics.exposition()
        #expect(page.contains(#"partner_rpc_server_handled_total{method="unknown",code="UNIMPLEMENTED"} 50"#))
        #expect(!page.contains("Junk."))
    }

    @Test("in flight counts started calls until they finish; rate limits count by scope")
    func inFlightAndRateLimits() {
        let metrics = ServerMetrics(build: .init(version: "1", commit: "c"))
        metrics.callStarted(RPCCallStart(method: "Customers.Get", connectionID: 1))
        metrics.callStarted(RPCCallStart(method: "Customers.Get", connectionID: 1))
        #expect(metrics.exposition().contains("partner_rpc_server_in_flight_calls 2\n"))
        metrics.callFinished(Self.record(method: "Customers.Get"))
        metrics.callFinished(
            Self.record(method: "Customers.Get", status: .resourceExhausted, annotations: [("limited", "agent")]))
        let page = metrics.exposition()
        #expect(page.contains("partner_rpc_server_in_flight_calls 0\n"))
        #expect(page.contains(#"partner_rpc_server_rate_limited_total{scope="agent"} 1"#))
        #expect(page.contains(#"partner_rpc_server_handling_seconds_bucket{method="Customers.Get",le="0.0025"} 2"#))
    }

    @Test("an access log line names method, status, duration, bytes, ids and annotations, in that order")
    func accessLogFields() throws {
        let record = Self.record(method: "Customers.Get", annotations: [("agent", "agt_1"), ("partner", "ptn_1")])
        let line = try Self.loggedLine(format: .logfmt) { AccessLog(mode: .on, logger: $0).callFinished(record) }
        let fields = line.dropLast().split(separator: " ").dropFirst(3)  // time, level, event
        #expect(
            fields.map { $0.prefix { $0 != "=" } } == [
                "method", "status", "ms", "bytes_in", "bytes_out", "peer", "conn", "call_id", "agent", "partner",
                "idem",
            ])
        #expect(fields.contains("ms=1.500"))
        #expect(
            line.hasSuffix(
                " bytes_in=100 bytes_out=40 peer=127.0.0.1:1 conn=1 call_id=1 agent=agt_1 partner=ptn_1 idem=no\n"))
        let json = try Self.loggedLine(format: .json) { AccessLog(mode: .on, logger: $0).callFinished(record) }
        #expect(
            json.contains(
                #""ms":1.500,"bytes_in":100,"bytes_out":40,"peer":"127.0.0.1:1","conn":1,"call_id":1,"agent":"agt_1""#))
    }

    /// The one line `log` writes through a logger of `format` whose descriptor is a pipe.
    static func loggedLine(format: LogfmtLogger.Format, _ log: (LogfmtLogger) -> Void) throws -> String {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        log(LogfmtLogger(format: format, descriptor: ends[1]))
        close(ends[1])
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(ends[0], &chunk, chunk.count)
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("logfmt lines: the time, the level, the event, then the fields in order, quoted where needed")
    func logfmtRendering() throws {
        let logger = LogfmtLogger(format: .logfmt)
        let line = logger.render(.warning, "call", [("ms", "0.210"), ("peer", "a b"), ("empty", "")])
        let time = try #require(line.split(separator: " ").first)
        #expect(time.hasPrefix("time=") && time.hasSuffix("Z") && time.count == "time=2026-12-05T18:30:00.123Z".count)
        #expect(line.dropFirst(time.count) == #" level=warning event=call ms=0.210 peer="a b" empty="""# + "\n")
        let json = LogfmtLogger(format: .json).render(.info, "call", [("ms", "0.210")])
        #expect(json.hasPrefix(#"{"time":""#))
        #expect(json.hasSuffix(#"Z","level":"info","event":"call","ms":0.210}"# + "\n"))
    }

    @Test("JSON log lines escape control characters and write plain numbers unquoted")
    func jsonRendering() {
        let logger = LogfmtLogger(format: .json)
        let line = logger.render(.info, "call", [("ms", "0.210"), ("call_id", "007"), ("message", "a\"b\n\u{1}")])
        #expect(line.contains(#""ms":0.210"#))
        #expect(line.contains(#""call_id":"007""#))
        #expect(line.contains(#""message":"a\"b\n\u0001""#))
        #expect(line.hasSuffix("}\n"))
    }
}

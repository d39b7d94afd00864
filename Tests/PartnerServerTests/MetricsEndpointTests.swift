import Foundation
import FramedJSON
import PartnerTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension Operability {
    /// `--metrics-listen`: the Prometheus page, checked by promtool and scraped by a real
    /// Prometheus, and the HTTP probes.
    @Suite("Metrics endpoint", .serialized)
    struct MetricsEndpointTests {
        /// Makes `ok` successful Customers.List calls and `refused` ones with a wrong token.
        static func makeCalls(port: Int, token: String, ok: Int, refused: Int) throws {
            let socket = try WireSocket(port: port)
            defer { socket.close() }
            var id = 0
            for (count, bearer) in [(ok, token), (refused, "wrong")] {
                for _ in 0..<count {
                    id += 1
                    guard
                        socket.sendFrame(
                            #"{"jsonrpc":"2.0","id":\#(id),"method":"Customers.List","params":{},"meta":{"authorization":"Bearer \#(bearer)"}}"#
                        ),
                        try socket.readJSON() != nil
                    else { throw TestFailure("call \(id) got no answer") }
                }
            }
        }

        @Test("promtool check metrics passes on the page after calls, and the page counts them")
        func promtoolAcceptsThePage() async throws {
            try await onThread {
                let promtool = try Ops.tool("promtool")
                let server = try ServerProcess.startBlocking(
                    options: ServerProcess.hostileOptions,
                    [
                        "--metrics-listen", "127.0.0.1:0", "--enable-conformance-service",
                    ])
                defer {
                    server.terminateBlocking()
                    server.remove()
                }
                let metricsPort = try Ops.metricsPort(of: server)
                try Self.makeCalls(port: server.port, token: try server.token(), ok: 3, refused: 2)
                let socket = try WireSocket(port: server.port)
                _ = socket.sendFrame(#"{"jsonrpc":"2.0","id":9,"method":"No.Such.Method","params":{}}"#)
                _ = try socket.readJSON()
                socket.close()
                let page = try Ops.get(port: metricsPort, "/metrics")
                #expect(page.status == 200)
                let check = try CommandRun.runBlocking(path: promtool, ["check", "metrics"], input: page.body)
                #expect(check.status == 0, "promtool check metrics failed:\n\(check.output)\n\(page.body)")
                let body = page.body
                #expect(
                    body.contains(#"partner_rpc_server_handled_total{method="Customers.List",code="OK"} 3"#), "\(body)")
                #expect(
                    body.contains(
                        #"partner_rpc_server_handled_total{method="Customers.List",code="UNAUTHENTICATED"} 2"#))
                #expect(body.contains(#"partner_rpc_server_handled_total{method="unknown",code="UNIMPLEMENTED"} 1"#))
                #expect(!body.contains("No.Such.Method"), "an unknown method name became a label value")
                #expect(body.contains("partner_rpc_server_auth_refused_total 2"))
                #expect(body.contains(#"partner_rpc_server_handling_seconds_count{method="Customers.List"} 5"#))
                for name in [
                    "partner_rpc_server_in_flight_calls 0", "process_cpu_seconds_total",
                    "process_resident_memory_bytes",
                    "process_open_fds", "process_start_time_seconds", "partner_store_commit_seconds_bucket",
                    "partner_store_commit_writes_count", "partner_store_database_bytes", "partner_store_wal_bytes",
                    "partner_build_info{version=", "partner_server_ready 1",
                ] {
                    #expect(body.contains(name), "missing \(name)")
                }
            }
        }

        @Test("a real Prometheus scrapes the server and its query API returns the calls' counters")
        func prometheusScrapesTheServer() async throws {
            try await onThread {
                let server = try ServerProcess.startBlocking(
                    options: ServerProcess.hostileOptions, ["--metrics-listen", "127.0.0.1:0"])
                defer {
                    server.terminateBlocking()
                    server.remove()
                }
                let metricsPort = try Ops.metricsPort(of: server)
                let prometheus = try PrometheusServer(scraping: "127.0.0.1:\(metricsPort)")
                defer { prometheus.stop() }
                try Self.makeCalls(port: server.port, token: try server.token(), ok: 7, refused: 3)
                let up = try prometheus.waitFor(#"up{job="partner-server"}"#, toEqual: 1)
                #expect(up == 1, "the target is not up")
                let ok = try prometheus.waitFor(
                    #"partner_rpc_server_handled_total{job="partner-server",method="Customers.List",code="OK"}"#,
                    toEqual: 7
                )
                #expect(ok == 7)
                let refused = try prometheus.waitFor(
                    #"partner_rpc_server_auth_refused_total{job="partner-server"}"#, toEqual: 3)
                #expect(refused == 3)
                let started = try prometheus.waitFor(
                    #"partner_rpc_server_started_total{job="partner-server",method="Customers.List"}"#, toEqual: 10)
                #expect(started == 10)
                let quantile = try prometheus.query(
                    #"histogram_quantile(0.99, sum by (le) (partner_rpc_server_handling_seconds_bucket{job="partner-server"}))"#
                )
                #expect(quantile.map { $0 > 0 && $0 <= 10 } == true, "p99 \(String(describing: quantile))")
            }
        }

        @Test("/healthz answers 200; /readyz answers 200, then 503 while the server drains")
        func probes() async throws {
            try await onThread {
                let server = try ServerProcess.startBlocking(
                    options: ServerProcess.hostileOptions,
                    [
                        "--metrics-listen", "127.0.0.1:0", "--enable-conformance-service", "--drain-grace", "10",
                    ])
                defer {
                    server.terminateBlocking()
                    server.remove()
                }
                let metricsPort = try Ops.metricsPort(of: server)
                #expect(try Ops.get(port: metricsPort, "/healthz").status == 200)
                #expect(try Ops.get(port: metricsPort, "/readyz").status == 200)
                #expect(try Ops.get(port: metricsPort, "/nothing").status == 404)
                // A slow call keeps the server draining for a while after SIGTERM.
                let socket = try WireSocket(port: server.port)
                defer { socket.close() }
                _ = socket.sendFrame(
                    #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"message":"slow","delayMs":6000}}"#)
                let inFlight = Hostile.wait(10) {
                    (try? Ops.get(port: metricsPort, "/metrics", timeout: 2).body.contains(
                        "partner_rpc_server_in_flight_calls 1")) == true
                }
                #expect(inFlight, "the slow call never showed as in flight")
                kill(server.process.processIdentifier, SIGTERM)
                var ready: (status: Int, body: String)?
                let sawDrain = Hostile.wait(10) {
                    ready = try? Ops.get(port: metricsPort, "/readyz", timeout: 2)
                    return ready?.status == 503
                }
                #expect(sawDrain, "readyz while draining: \(String(describing: ready))")
                #expect(ready?.body.contains("draining") == true)
                #expect(try Ops.get(port: metricsPort, "/healthz").status == 200)
            }
        }

        @Test("stream items are counted per method, and calls refused by the connection rate limit by scope")
        func streamItemsAndRateLimits() async throws {
            try await onThread {
                let server = try ServerProcess.startBlocking(
                    options: ServerProcess.hostileOptions,
                    [
                        "--metrics-listen", "127.0.0.1:0", "--enable-conformance-service", "--rate-limit-connection",
                        "3",
                    ])
                defer {
                    server.terminateBlocking()
                    server.remove()
                }
                let metricsPort = try Ops.metricsPort(of: server)
                let socket = try WireSocket(port: server.port)
                defer { socket.close() }
                // One token of the burst of 3: five items, then the final response.
                _ = socket.sendFrame(#"{"jsonrpc":"2.0","id":1,"method":"Conformance.Stream","params":{"count":5}}"#)
                var final: FramedJSON.JSONValue?
                while final == nil, let frame = try socket.readJSON() {
                    if frame["id"] != nil { final = frame }
                }
                #expect(final?["result"]?["count"]?.intValue == 5)
                // Two more fit the burst; the next three are refused (the bucket refills 3 a second,
                // so send them together).
                var batch: [UInt8] = []
                for id in 2...6 {
                    batch += WireSocket.frame(
                        #"{"jsonrpc":"2.0","id":\#(id),"method":"Health.Check","params":{"service":""}}"#)
                }
                _ = socket.write(batch)
                var statuses: [String] = []
                for _ in 2...6 {
                    let answer = try socket.readJSON()
                    statuses.append(answer?["error"]?["data"]?["status"]?.stringValue ?? "OK")
                }
                let refused = statuses.filter { $0 == "RESOURCE_EXHAUSTED" }.count
                #expect(refused >= 3, "\(statuses)")
                let page = try Ops.get(port: metricsPort, "/metrics").body
                #expect(page.contains(#"partner_rpc_server_msg_sent_total{method="Conformance.Stream"} 5"#), "\(page)")
                #expect(page.contains(#"partner_rpc_server_rate_limited_total{scope="connection"} \#(refused)"#))
                #expect(
                    page.contains(
                        #"partner_rpc_server_handled_total{method="Health.Check",code="RESOURCE_EXHAUSTED"} \#(refused)"#
                    ))
            }
        }
    }
}

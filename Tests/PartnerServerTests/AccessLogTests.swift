import Foundation
import FramedJSON
import PartnerTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension Operability {
    /// The access log of a real `partner-server`: one line per finished or refused call, and
    /// connection lines with why they closed (WIRE.md §4 for `traceparent`).
    @Suite("Access log", .serialized)
    struct AccessLogTests {
        static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
        static let traceparent = "00-\(traceID)-00f067aa0ba902b7-01"

        @Test(
            "a call that succeeds, one refused and one timed out each get one line, with the trace id only when sent and never the token"
        )
        func linesForSuccessRefusalAndTimeout() async throws {
            try await onThread {
                let server = try ServerProcess.startBlocking(
                    options: ServerProcess.hostileOptions, ["--enable-conformance-service"])
                defer {
                    server.terminateBlocking()
                    server.remove()
                }
                let token = try server.token()
                let socket = try WireSocket(port: server.port)
                func call(_ json: String) throws -> JSONValue? {
                    guard socket.sendFrame(json) else { throw TestFailure("send failed") }
                    return try socket.readJSON(timeout: 10)
                }
                let ok = try call(
                    #"{"jsonrpc":"2.0","id":1,"method":"Customers.List","params":{},"meta":{"authorization":"Bearer \#(token)","traceparent":"\#(Self.traceparent)","idempotencyKey":"k-1"}}"#
                )
                #expect(ok?["result"] != nil)
                _ = try call(
                    #"{"jsonrpc":"2.0","id":2,"method":"Customers.List","params":{},"meta":{"authorization":"Bearer \#(token)"}}"#
                )
                let refused = try call(
                    #"{"jsonrpc":"2.0","id":3,"method":"Customers.List","params":{},"meta":{"authorization":"Bearer wrong-token"}}"#
                )
                #expect(refused?["error"]?["data"]?["status"]?.stringValue == "UNAUTHENTICATED")
                let timedOut = try call(
                    #"{"jsonrpc":"2.0","id":4,"method":"Conformance.Echo","params":{"message":"slow","delayMs":5000},"meta":{"timeoutMs":100,"traceparent":"\#(Self.traceparent)"}}"#
                )
                #expect(timedOut?["error"]?["data"]?["status"]?.stringValue == "DEADLINE_EXCEEDED")
                let unknown = try call(#"{"jsonrpc":"2.0","id":5,"method":"No.Such","params":{}}"#)
                #expect(unknown?["error"]?["data"]?["status"]?.stringValue == "UNIMPLEMENTED")
                socket.close()
                let closed = Hostile.wait(10) { server.log().contains("event=connection.closed") }
                let log = server.log()
                #expect(closed, "no connection.closed line:\n\(log)")

                let lines = Ops.callLines(log)
                func line(_ id: String) -> [String: String]? { lines.first { $0["call_id"] == id } }
                #expect(lines.count == 5, "\(lines)")
                let first = try #require(line("1"), "\(log)")
                #expect(first["level"] == "info")
                #expect(first["method"] == "Customers.List")
                #expect(first["status"] == "OK")
                #expect(first["trace_id"] == Self.traceID)
                #expect(first["idem"] == "yes")
                #expect(first["agent"]?.hasPrefix("agt_") == true)
                #expect(first["partner"]?.hasPrefix("ptn_") == true)
                #expect(Double(first["ms"] ?? "") != nil)
                #expect((Int(first["bytes_in"] ?? "") ?? 0) > 0 && (Int(first["bytes_out"] ?? "") ?? 0) > 0)
                #expect(first["peer"]?.hasPrefix("127.0.0.1:") == true)
                #expect(first["conn"] != nil)

                let second = try #require(line("2"))
                #expect(second["trace_id"] == nil)
                #expect(second["idem"] == "no")

                let third = try #require(line("3"))
                #expect(third["level"] == "warning")
                #expect(third["status"] == "UNAUTHENTICATED")
                #expect(third["agent"] == nil)

                let fourth = try #require(line("4"))
                #expect(fourth["status"] == "DEADLINE_EXCEEDED")
                #expect(fourth["method"] == "Conformance.Echo")
                #expect(fourth["trace_id"] == Self.traceID)
                let ms = Double(fourth["ms"] ?? "") ?? 0
                #expect(ms >= 100 && ms < 4000, "a timed-out call lasts its deadline, not its handler: \(ms) ms")

                let fifth = try #require(line("5"))
                #expect(fifth["status"] == "UNIMPLEMENTED")

                let closing = log.split(separator: "\n").first { $0.contains("event=connection.closed") }.map {
                    Ops.logfmtFields(String($0))
                }
                #expect(closing?["reason"] == "client")
                #expect(closing?["conn"] == first["conn"])
                #expect(!log.contains(token), "the token appears in the log")
                #expect(!log.contains("wrong-token"), "a refused token appears in the log")
            }
        }

        @Test("--log-format json writes one JSON object per line; numbers are numbers")
        func jsonLinesParse() async throws {
            try await onThread {
                let server = try ServerProcess.startBlocking(
                    options: ServerProcess.hostileOptions, ["--log-format", "json"])
                defer {
                    server.terminateBlocking()
                    server.remove()
                }
                // The harness finds the port in a logfmt line; in JSON it is the "address" member.
                let token = try server.token()
                let socket = try WireSocket(port: server.port)
                _ = socket.sendFrame(
                    #"{"jsonrpc":"2.0","id":"a","method":"Customers.List","params":{},"meta":{"authorization":"Bearer \#(token)"}}"#
                )
                _ = try socket.readJSON()
                _ = socket.sendFrame(
                    #"{"jsonrpc":"2.0","id":"b","method":"Customers.List","params":{},"meta":{"authorization":"Bearer nope"}}"#
                )
                _ = try socket.readJSON()
                socket.close()
                #expect(Hostile.wait(10) { server.log().contains("\"event\":\"connection.closed\"") })
                let lines = server.log().split(separator: "\n")
                #expect(lines.count >= 4)
                var calls: [JSONValue] = []
                for line in lines {
                    let value = try JSONParser(maxDepth: 8).parse(Array(line.utf8))
                    #expect(value["event"]?.stringValue != nil, "no event in \(line)")
                    #expect(value["time"]?.stringValue != nil)
                    if value["event"]?.stringValue == "call" { calls.append(value) }
                }
                #expect(calls.count == 2)
                let ok = try #require(calls.first { $0["call_id"]?.stringValue == "a" })
                #expect(ok["status"]?.stringValue == "OK")
                if case .double = ok["ms"] {
                } else if case .int = ok["ms"] {
                } else {
                    Issue.record("ms is not a JSON number: \(String(describing: ok["ms"]))")
                }
                #expect(ok["bytes_in"]?.intValue != nil)
                let refused = try #require(calls.first { $0["call_id"]?.stringValue == "b" })
                #expect(refused["status"]?.stringValue == "UNAUTHENTICATED")
                #expect(refused["level"]?.stringValue == "warning")
            }
        }

        @Test(
            "at debug every frame in and out gets a line with its size, kind, method and call id, never its meta; at info none"
        )
        func perFrameDetailAtDebug() async throws {
            for level in ["debug", "info"] {
                try await onThread {
                    let server = try ServerProcess.startBlocking(
                        options: ServerProcess.hostileOptions, ["--log-level", level])
                    defer {
                        server.terminateBlocking()
                        server.remove()
                    }
                    let token = try server.token()
                    let socket = try WireSocket(port: server.port)
                    let request =
                        #"{"jsonrpc":"2.0","id":"f1","method":"Customers.List","params":{},"meta":{"authorization":"Bearer \#(token)"}}"#
                    _ = socket.sendFrame(request)
                    _ = try socket.readJSON()
                    _ = socket.sendFrame(#"{"jsonrpc":"2.0","id":"f2","method":"No.Such","params":{}}"#)
                    _ = try socket.readJSON()
                    #expect(socket.ping(id: 3))
                    socket.close()
                    #expect(Hostile.wait(10) { server.log().contains("event=connection.closed") })
                    let frames = server.log().split(separator: "\n").filter { $0.contains("event=frame") }.map {
                        Ops.logfmtFields(String($0))
                    }
                    if level == "info" {
                        #expect(frames.isEmpty, "frame lines at info: \(frames)")
                        return
                    }
                    func frame(_ dir: String, _ id: String) -> [String: String]? {
                        frames.first { $0["dir"] == dir && $0["call_id"] == id }
                    }
                    let listIn = try #require(frame("in", "f1"), "\(frames)")
                    #expect(listIn["level"] == "debug")
                    #expect(listIn["kind"] == "request" && listIn["method"] == "Customers.List")
                    #expect(listIn["bytes"] == "\(request.utf8.count + 4)")
                    let listOut = try #require(frame("out", "f1"))
                    #expect(listOut["kind"] == "response" && listOut["conn"] == listIn["conn"])
                    let unknownOut = try #require(frame("out", "f2"))
                    #expect(unknownOut["kind"] == "error" && unknownOut["code"] == "-32601")
                    #expect(frame("in", "3")?["method"] == "$/ping")
                    #expect(!server.log().contains(token), "the token appears in the log")
                }
            }
        }

        @Test("--access-log errors logs the refused call and not the successful one; off logs no call")
        func errorsAndOffModes() async throws {
            for mode in ["errors", "off"] {
                try await onThread {
                    let server = try ServerProcess.startBlocking(
                        options: ServerProcess.hostileOptions, ["--access-log", mode])
                    defer {
                        server.terminateBlocking()
                        server.remove()
                    }
                    let token = try server.token()
                    let socket = try WireSocket(port: server.port)
                    _ = socket.sendFrame(
                        #"{"jsonrpc":"2.0","id":1,"method":"Customers.List","params":{},"meta":{"authorization":"Bearer \#(token)"}}"#
                    )
                    _ = try socket.readJSON()
                    _ = socket.sendFrame(
                        #"{"jsonrpc":"2.0","id":2,"method":"Customers.List","params":{},"meta":{"authorization":"Bearer nope"}}"#
                    )
                    _ = try socket.readJSON()
                    // A ping after the calls: once it is answered, both calls' lines were written.
                    #expect(socket.ping(id: 3))
                    socket.close()
                    if mode == "errors" { _ = Hostile.wait(10) { !Ops.callLines(server.log()).isEmpty } }
                    let lines = Ops.callLines(server.log())
                    if mode == "errors" {
                        #expect(lines.map { $0["call_id"] } == ["2"], "\(lines)")
                    } else {
                        #expect(lines.isEmpty, "\(lines)")
                    }
                }
            }
        }
    }
}

extension Operability {
    /// Why connections closed, as the access log and the metrics name it, from a real server.
    @Suite("Connection close reasons", .serialized)
    struct ConnectionCloseReasonTests {
        @Test(
            "idle, frame timeout, protocol error, limit, client and drain each close with their own reason, in the log and the metrics"
        )
        func reasons() async throws {
            try await onThread {
                let server = try ServerProcess.startBlocking(
                    options: ServerProcess.hostileOptions,
                    [
                        "--idle-timeout", "0.5", "--frame-timeout", "0.5", "--max-frame-bytes", "1024",
                        "--metrics-listen", "127.0.0.1:0", "--drain-grace", "2",
                    ])
                defer {
                    server.terminateBlocking()
                    server.remove()
                }
                let metricsPort = try Ops.metricsPort(of: server)
                func closedReasons() -> [String] {
                    server.log().split(separator: "\n").filter { $0.contains("event=connection.closed") }
                        .compactMap { Ops.logfmtFields(String($0))["reason"] }
                }
                func expectClose(_ reason: String, after action: (WireSocket) -> Void) throws {
                    let before = closedReasons().filter { $0 == reason }.count
                    let socket = try WireSocket(port: server.port)
                    defer { socket.close() }
                    action(socket)
                    #expect(socket.waitForClose(timeout: 10), "the server did not close for \(reason)")
                    let logged = Hostile.wait(10) { closedReasons().filter { $0 == reason }.count == before + 1 }
                    #expect(logged, "no connection.closed reason=\(reason); reasons: \(closedReasons())")
                }
                try expectClose("idle") { _ in }
                try expectClose("frame_timeout") {
                    _ = $0.write(WireSocket.header(100) + Array(repeating: 0x20, count: 10))
                }
                try expectClose("protocol_error") { _ = $0.write(WireSocket.header(0)) }
                try expectClose("limit") {
                    _ = $0.write(WireSocket.header(5000) + Array(repeating: 0x20, count: 5000))
                }
                let client = try WireSocket(port: server.port)
                #expect(client.ping())
                client.close()
                #expect(Hostile.wait(10) { closedReasons().contains("client") }, "\(closedReasons())")

                let page = try Ops.get(port: metricsPort, "/metrics").body
                for reason in ["idle", "frame_timeout", "protocol_error", "limit", "client"] {
                    #expect(
                        page.contains(#"partner_rpc_server_connections_closed_total{reason="\#(reason)"} 1"#),
                        "\(reason) not counted")
                }
                let draining = try WireSocket(port: server.port)
                defer { draining.close() }
                #expect(draining.ping())
                kill(server.process.processIdentifier, SIGTERM)
                #expect(draining.waitForClose(timeout: 10))
                #expect(Hostile.wait(10) { closedReasons().contains("drain") }, "\(closedReasons())")
            }
        }
    }
}

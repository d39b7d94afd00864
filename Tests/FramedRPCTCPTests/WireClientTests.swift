import FramedJSON
import FramedRPC
import FramedRPCTCP
import Testing

extension WireTests {
    /// WIRE.md §2.4, §8, §9, §11.2 from the client's side: `RPCClient` over `TCPClientTransport`.
    @Suite("The runtime client over TCP (WIRE.md §2.4, §8, §9, §11.2)")
    struct Client {
        @Test("§2.4: a lost connection fails the pending call with UNAVAILABLE, never UNKNOWN")
        func lostConnection() async throws {
            try await withWireServer { s in
                let client = s.client()
                let call = Task { try await client.unary("WireTest.Block", params: RPCEmptyResult()) }
                try await waitFor("the handler to start") { s.probe.started == 1 }
                s.transport.closeAllConnections()
                let outcome = try await within(.seconds(10), "the pending call to fail") { await call.result }
                guard case .failure(let error as RPCError) = outcome else {
                    Issue.record("the call ended with \(outcome) instead of an RPCError")
                    return
                }
                #expect(error.code == .unavailable)
                #expect(error.message.hasPrefix("connection lost"), "\(error.message)")
                try await waitFor("the server to cancel the orphaned handler") { s.probe.cancelled == 1 }
                await client.close()
            }
        }

        @Test(
            "§8: the client's own deadline throws DEADLINE_EXCEEDED (not CANCELLED) and the server handler is cancelled"
        )
        func clientDeadline() async throws {
            try await withWireServer { s in
                let client = s.client()
                let started = ContinuousClock.now
                do {
                    _ = try await client.unary(
                        "WireTest.Block", params: RPCEmptyResult(), options: RPCCallOptions(timeout: .milliseconds(100))
                    )
                    Issue.record("the call outlived its deadline")
                } catch let error as RPCError {
                    #expect(error.code == .deadlineExceeded)
                }
                #expect(ContinuousClock.now - started < .seconds(5))
                try await waitFor("the server handler to be cancelled") { s.probe.cancelled == 1 }
                await client.close()
            }
        }

        @Test(
            "§8: the client sends the time left as meta.timeoutMs, rounded down, and a handler's deadline travels downstream"
        )
        func timeoutMsRoundedDown() async throws {
            try await withWireServer { s in
                let client = s.client()
                _ = try await client.unary("$/ping", params: RPCEmptyResult())
                let own = try await client.unary(
                    "WireTest.Meta", params: RPCEmptyResult(), options: RPCCallOptions(timeout: .seconds(2)))
                let sent = try #require(own["timeoutMs"]?.intValue)
                #expect(sent < 2000, "time passed since the deadline was set; rounding up would send 2000")
                #expect(sent > 1000)
                let inherited = try await RPCCallContext.$deadline.withValue(.now + .milliseconds(1500)) {
                    try await client.unary("WireTest.Meta", params: RPCEmptyResult())
                }
                let downstream = try #require(inherited["timeoutMs"]?.intValue)
                #expect(downstream < 1500 && downstream > 500)
                do {
                    _ = try await RPCCallContext.$deadline.withValue(.now + .microseconds(500)) {
                        try await client.unary("WireTest.Meta", params: RPCEmptyResult())
                    }
                    Issue.record("a call with less than a millisecond left was sent")
                } catch let error as RPCError {
                    #expect(error.code == .deadlineExceeded, "no whole millisecond left: it fails locally")
                }
                await client.close()
            }
        }

        @Test(
            "§9: cancelling the calling task sends $/cancel: the call throws CANCELLED, the handler is cancelled, the connection stays"
        )
        func taskCancellationSendsCancel() async throws {
            try await withWireServer { s in
                let client = s.client()
                _ = try await client.unary("$/ping", params: RPCEmptyResult())
                let call = Task { try await client.unary("WireTest.Block", params: RPCEmptyResult()) }
                try await waitFor("the handler to start") { s.probe.started == 1 }
                call.cancel()
                let outcome = try await within(.seconds(10), "the cancelled call to end") { await call.result }
                guard case .failure(let error as RPCError) = outcome else {
                    Issue.record("the call ended with \(outcome) instead of an RPCError")
                    return
                }
                #expect(error.code == .cancelled)
                try await waitFor("the server handler to see the cancellation") { s.probe.cancelled == 1 }
                #expect(s.server.connectionCount == 1, "the cancel travelled as $/cancel; the connection stayed open")
                let health = try await client.unary("Health.Check", params: RPCEmptyResult())
                #expect(health["status"] == "SERVING")
                #expect(s.server.connectionCount == 1)
                await client.close()
            }
        }

        @Test("§10: the client reads a stream in order, granting credit as it consumes")
        func streamThroughClient() async throws {
            try await withWireServer { s in
                let client = s.client()
                let stream = client.serverStream(
                    "Conformance.Stream", params: ["count": 100, "itemBytes": 10] as JSONValue,
                    options: RPCCallOptions(streamWindow: 4))
                var indexes: [Int64] = []
                for try await item in stream { indexes.append(item["index"]?.intValue ?? -1) }
                #expect(indexes == Array(0..<100))
                #expect(try await stream.result() == ["count": 100])
                await client.close()
            }
        }

        @Test("§2.4: the client reconnects after the server restarts on the same port")
        func reconnectAfterRestart() async throws {
            let first = try WireServer()
            let port = first.port
            let client = first.client()
            do {
                #expect(try await client.unary("Health.Check", params: RPCEmptyResult())["status"] == "SERVING")
                try await first.stop()
                let second = try WireServer(port: port)
                do {
                    let result = try await client.unary("Conformance.Echo", params: ["message": "again"] as JSONValue)
                    #expect(result["message"] == "again")
                    #expect(second.server.connectionCount == 1)
                } catch {
                    try? await second.stop()
                    throw error
                }
                try await second.stop()
            } catch {
                try? await first.stop()
                await client.close()
                throw error
            }
            await client.close()
        }

        @Test("§11.2: after $/goaway the client sends no new call on that connection and opens a new one")
        func goawayMovesToNewConnection() async throws {
            let scripted = try WireGoawayServer()
            var config = RPCClientConfig()
            config.connectBackoffInitial = .milliseconds(20)
            let client = RPCClient(
                transport: TCPClientTransport(host: "127.0.0.1", port: scripted.port), config: config)
            do {
                let first = try await client.unary("Any.Method", params: RPCEmptyResult())
                #expect(first["connection"] == 1)
                let second = try await client.unary("Any.Method", params: RPCEmptyResult())
                #expect(second["connection"] == 2, "the second call went to a new connection")
                let third = try await client.unary("Any.Method", params: RPCEmptyResult())
                #expect(third["connection"] == 2, "and later calls stay on it")
                #expect(scripted.connections == 2)
            } catch {
                await client.close()
                try await scripted.stop()
                throw error
            }
            await client.close()
            try await scripted.stop()
        }
    }
}

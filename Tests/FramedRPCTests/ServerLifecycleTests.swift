import FramedJSON
import FramedRPC
import FramedRPCInProcess
import Synchronization
import Testing

@Suite("Drain, health, conformance, deadline propagation, lost connections (WIRE.md §8, §11, §14)")
struct ServerLifecycleTests {
    @Test(
        "12: after $/goaway new calls get UNAVAILABLE, the call in flight finishes, then the connection closes and serve returns"
    )
    func goawayDrainsCallInFlight() async throws {
        var config = RPCServerConfig()
        config.drainGrace = .seconds(20)
        let h = Harness(config: config)
        let peer = try await h.rawPeer()
        // Frames on one connection are taken in order: once the ping is answered, call 1 runs.
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Sleep","id":1,"params":{"ms":3000}}"#)
        peer.send(#"{"jsonrpc":"2.0","method":"$/ping","id":"p"}"#)
        #expect(try await peer.next()["id"] == "p")
        h.server.beginGracefulShutdown()
        let goaway = try await peer.next()
        #expect(goaway["method"] == "$/goaway")
        #expect(goaway["params"]?["graceMs"] == 20_000)
        #expect(goaway["params"]?["reason"] == "server shutting down")
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","id":2,"params":{"a":1,"b":1}}"#)
        let refused = try await peer.next()
        #expect(refused["id"] == 2)
        #expect(refused.errorCode == 14)
        #expect(refused.errorMessage == "server is draining")
        #expect(refused["error"]?["data"]?["retryAfterMs"]?.intValue != nil)
        let finished = try await peer.next()
        #expect(finished == ["jsonrpc": "2.0", "id": 1, "result": 3000])
        _ = try await peer.waitClosed()
        try await h.serving.value
        #expect(h.server.health.status(of: "") == .notServing)
    }

    @Test("12: calls still running when the grace period ends are answered and cancelled, then serve returns")
    func drainGraceCutsStuckCalls() async throws {
        var config = RPCServerConfig()
        config.drainGrace = .milliseconds(100)
        let h = Harness(config: config)
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Block","id":1}"#)
        try await waitUntil("the handler to start") { h.probe.started == 1 }
        h.server.beginGracefulShutdown()
        #expect(try await peer.next()["method"] == "$/goaway")
        let cut = try await peer.next()
        #expect(cut["id"] == 1)
        #expect(cut.errorCode == 14)
        _ = try await peer.waitClosed()
        try await h.serving.value
        try await waitUntil("the handler to be cancelled") { h.probe.cancelledSeen == 1 }
    }

    @Test("12: a client that got $/goaway sends later calls on a new connection")
    func clientMovesAfterGoaway() async throws {
        let first = Harness()
        let second = Harness()
        let transport = SwitchingClientTransport(first: first.transport.client, then: second.transport.client)
        let client = RPCClient(transport: transport)
        _ = try await first.rawPeer()
        #expect(try await client.unary("Test.Add", params: ["a": 1, "b": 2] as JSONValue) == 3)
        first.server.beginGracefulShutdown()
        try await first.serving.value
        // The client reads `$/goaway` and the close on its own task: a call started before it
        // has would still go out on the closing connection. Wait until it has got them.
        let deadline = ContinuousClock.now + .seconds(5)
        while client.connectedEndpoint != nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(1))
        }
        #expect(client.connectedEndpoint == nil, "the client saw $/goaway within 5 s")
        _ = try await second.rawPeer()
        #expect(try await client.unary("Test.Add", params: ["a": 2, "b": 2] as JSONValue) == 4)
        #expect(transport.connects == 2)
        await client.close()
        await second.stop()
    }

    @Test("13: Health.Check reports SERVING / NOT_SERVING per service and NOT_FOUND for unknown ones")
    func healthCheck() async throws {
        let h = Harness()
        let client = h.client()
        #expect(try await client.unary("Health.Check", params: RPCEmptyResult()) == ["status": "SERVING"])
        #expect(
            try await client.unary("Health.Check", params: ["service": "Conformance"] as JSONValue) == [
                "status": "SERVING"
            ])
        h.server.health.setStatus(.notServing, for: "Conformance")
        #expect(
            try await client.unary("Health.Check", params: ["service": "Conformance"] as JSONValue) == [
                "status": "NOT_SERVING"
            ])
        for unknown in ["Nope", "rpc"] {
            do {
                _ = try await client.unary("Health.Check", params: ["service": .string(unknown)] as JSONValue)
                Issue.record("service \(unknown) was found")
            } catch {
                #expect(error.code == .notFound)
                #expect(error.jsonRPCCode == nil)
            }
        }
        await client.close()
        await h.stop()
    }

    @Test("13: Health.Watch streams the current status then each change; unknown services stream SERVICE_UNKNOWN")
    func healthWatch() async throws {
        let h = Harness()
        let client = h.client()
        var watch = client.serverStream("Health.Watch", params: ["service": "Test"] as JSONValue).makeAsyncIterator()
        #expect(try await watch.next() == ["status": "SERVING"])
        h.server.health.setStatus(.notServing, for: "Test")
        #expect(try await watch.next() == ["status": "NOT_SERVING"])
        h.server.health.setStatus(.serving, for: "Test")
        #expect(try await watch.next() == ["status": "SERVING"])
        var unknown = client.serverStream("Health.Watch", params: ["service": "Later"] as JSONValue).makeAsyncIterator()
        #expect(try await unknown.next() == ["status": "SERVICE_UNKNOWN"])
        h.server.health.setStatus(.serving, for: "Later")
        #expect(try await unknown.next() == ["status": "SERVING"])
        h.server.beginGracefulShutdown()
        #expect(try await watch.next() == ["status": "NOT_SERVING"])
        #expect(try await watch.next() == nil)
        await client.close()
        await h.stop()
    }

    @Test("Conformance.Echo round-trips a status message with tabs, newlines, quotes and emoji exactly")
    func conformanceEchoStatusMessage() async throws {
        let h = Harness()
        let client = h.client()
        let message = "tab\there\nnew line \"quoted\" back\\slash \u{1F389} caf\u{E9} \u{0001}"
        do {
            _ = try await client.unary(
                "Conformance.Echo", params: ["status": "NOT_FOUND", "statusMessage": .string(message)] as JSONValue)
            Issue.record("the call succeeded")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.wireCode == 5)
            #expect(error.message == message)
        }
        let echoed = try await client.unary(
            "Conformance.Echo", params: ["message": ["nested": [1, 2.5, .string(message)]]] as JSONValue,
            options: .init(custom: ["x-tenant": "acme"]))
        #expect(echoed == ["message": ["nested": [1, 2.5, .string(message)]], "meta": ["x-tenant": "acme"]])
        do {
            _ = try await client.unary("Conformance.Echo", params: ["delayMs": 999_999] as JSONValue)
            Issue.record("an out-of-range delay was accepted")
        } catch {
            #expect(error.jsonRPCCode == -32602)
            #expect(error.details.first?["field"] == "delayMs")
            #expect(error.message.contains("60000"))
        }
        await client.close()
        await h.stop()
    }

    @Test("9: a handler's deadline travels into its downstream calls as the remaining timeoutMs")
    func deadlinePropagatesDownstream() async throws {
        let h = Harness()
        let inner = h.client()
        h.testService.downstream.set(inner)
        let client = h.client()
        let withDeadline = try await client.unary(
            "Test.Downstream", params: RPCEmptyResult(), options: .init(timeout: .seconds(10)))
        let ms = try #require(withDeadline["timeoutMs"]?.intValue)
        #expect(ms > 0 && ms <= 10_000)
        #expect(withDeadline["taskLocal"] == true)
        let without = try await client.unary("Test.Downstream", params: RPCEmptyResult())
        #expect(without == ["timeoutMs": nil, "taskLocal": false])
        await client.close()
        await inner.close()
        await h.stop()
    }

    @Test("15: a lost connection fails pending calls with UNAVAILABLE; the next call reconnects")
    func lostConnectionIsUnavailable() async throws {
        let h = Harness()
        let client = h.client()
        let call = Task { () -> RPCError? in
            do throws(RPCError) {
                _ = try await client.unary("Test.Block", params: RPCEmptyResult())
                return nil
            } catch {
                return error
            }
        }
        try await waitUntil("the handler to start") { h.probe.started == 1 }
        h.transport.server.severAllConnections(reason: "network unplugged")
        let error = try #require(await call.value)
        #expect(error.code == .unavailable)
        #expect(error.message.contains("connection lost"))
        #expect(try await client.unary("Test.Add", params: ["a": 2, "b": 2] as JSONValue) == 4)
        try await waitUntil("the orphaned handler to be cancelled") { h.probe.cancelledSeen == 1 }
        await client.close()
        await h.stop()
    }

    @Test("15: with no server listening the client retries with backoff, then fails UNAVAILABLE")
    func connectFailureIsUnavailable() async throws {
        let transport = InProcessTransport()
        var config = RPCClientConfig()
        config.connectAttempts = 3
        config.connectBackoffInitial = .milliseconds(1)
        let client = RPCClient(transport: transport.client, config: config)
        do {
            _ = try await client.unary("Test.Add", params: RPCEmptyResult())
            Issue.record("a call without a server succeeded")
        } catch {
            #expect(error.code == .unavailable)
            #expect(error.message.contains("3 attempts"))
        }
        await client.close()
    }
}

/// Connects the first time through `first`, every later time through `then`.
final class SwitchingClientTransport: RPCClientTransport {
    let first: InProcessClientTransport
    let then: InProcessClientTransport
    private let count = Mutex(0)

    init(first: InProcessClientTransport, then: InProcessClientTransport) {
        self.first = first
        self.then = then
    }

    var connects: Int { count.withLock { $0 } }

    func connect(inbound: any RPCConnectionInbound) async throws -> any RPCConnectionOutbound {
        let n = count.withLock { c -> Int in
            c += 1
            return c
        }
        return try await (n == 1 ? first : then).connect(inbound: inbound)
    }
}

import FramedJSON
import FramedRPC
import PartnerTestSupport
import Testing

extension WireTests {
    /// WIRE.md §11.2: `$/goaway` and drain.
    @Suite("Graceful shutdown (WIRE.md §11.2)")
    struct Shutdown {
        @Test(
            "§11.2: shutdown with a call in flight sends $/goaway, refuses new calls, lets the call finish, and serve returns"
        )
        func drainWithCallInFlight() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame:
                        #"{"jsonrpc":"2.0","id":"inflight","method":"Conformance.Echo","params":{"message":"done","delayMs":300}}"#
                )
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":"admitted","method":"$/ping"}"#)
                #expect(try await socket.readJSON()["id"] == "admitted")

                let began = ContinuousClock.now
                s.server.beginGracefulShutdown()
                let goaway = try await socket.readJSON()
                #expect(
                    goaway == [
                        "jsonrpc": "2.0", "method": "$/goaway",
                        "params": ["reason": "server shutting down", "graceMs": 10000],
                    ])
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":"late","method":"Health.Check"}"#)
                let late = try await socket.readJSON()
                #expect(late["id"] == "late")
                #expect(late.wireErrorCode == 14)
                #expect(late.wireStatus == "UNAVAILABLE")
                #expect(late.wireMessage == "server is draining")
                #expect(late["error"]?["data"]?["retryAfterMs"] == 1000)
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":"ping","method":"$/ping"}"#)
                #expect(
                    try await socket.readJSON() == ["jsonrpc": "2.0", "id": "ping", "result": [:]],
                    "pings are answered while draining")

                let rest = try await socket.readUntilClosed()
                #expect(rest == [["jsonrpc": "2.0", "id": "inflight", "result": ["message": "done", "meta": [:]]]])
                #expect(throws: TestFailure.self, "the listener is closed") { _ = try s.socket() }
                try await s.waitServed()
                #expect(
                    ContinuousClock.now - began < .seconds(5),
                    "serve returned once the last call finished, not after drainGrace")
            }
        }

        @Test("§11.2: calls still running when drainGrace ends are answered UNAVAILABLE, not CANCELLED")
        func graceEnds() async throws {
            var config = RPCServerConfig()
            config.drainGrace = .milliseconds(200)
            try await withWireServer(config: config) { s in
                let socket = try s.socket()
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":1,"method":"WireTest.Block"}"#)
                try await waitFor("the handler to start") { s.probe.started == 1 }
                s.server.beginGracefulShutdown()
                let frames = try await socket.readUntilClosed()
                #expect(frames.first?.notificationMethod == "$/goaway")
                let answer = try #require(frames.last)
                #expect(answer["id"] == 1)
                #expect(answer.wireErrorCode == 14)
                #expect(answer.wireMessage == "server shut down before the call finished")
                try await s.waitServed()
                try await waitFor("the handler to be cancelled") { s.probe.cancelled == 1 }
            }
        }

        @Test(
            "§11.2, §14.1: on drain a Health.Watch gets NOT_SERVING and its response, and $/goaway still arrives (10 rounds)"
        )
        func healthWatchDuringDrain() async throws {
            // The watch ends the moment the drain starts, racing the $/goaway; rounds make a
            // lost $/goaway show.
            for _ in 0..<10 {
                try await withWireServer { s in
                    let socket = try s.socket()
                    try await socket.send(
                        frame: #"{"jsonrpc":"2.0","id":1,"method":"Health.Watch","params":{"service":""}}"#)
                    let first = try await socket.readJSON()
                    #expect(first["params"]?["item"] == ["status": "SERVING"])
                    s.server.beginGracefulShutdown()
                    let frames = try await socket.readUntilClosed()
                    let items = frames.filter { $0.notificationMethod == "$/item" }.map { $0["params"]?["item"] }
                    #expect(items.last == ["status": "NOT_SERVING"])
                    #expect(frames.contains { $0.notificationMethod == "$/goaway" }, "\(frames)")
                    #expect(frames.contains { $0["id"] == 1 }, "the watch ends with a response: \(frames)")
                    try await s.waitServed()
                }
            }
        }
    }
}

import FramedJSON
import FramedRPC
import FramedRPCTCP
import PartnerTestSupport
import Testing

extension WireTests {
    /// Every way a connection ends gives back everything it held (WIRE.md §2.4, §10.4, §15):
    /// the runtime forgets the connection, the transport closes it, the bytes it had queued
    /// leave the server-wide outbound count, and every handler it started ends.
    @Suite("What a closed connection held is freed, whatever closed it")
    struct ClosePaths {
        /// Calls that run until cancelled, so each close path finds handlers in flight.
        static func blockCalls(_ ids: ClosedRange<Int>) -> [UInt8] {
            ids.flatMap { id in
                Frame.encode(Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"WireTest.Block","params":{}}"#.utf8))
            }
        }

        /// Echo calls with answers of `bytes` each.
        static func bigEchoes(_ ids: ClosedRange<Int>, bytes: Int) -> [UInt8] {
            ids.flatMap { id in
                Frame.encode(
                    Array(
                        #"{"jsonrpc":"2.0","id":\#(id),"method":"Conformance.Echo","params":{"responseBytes":\#(bytes)}}"#
                            .utf8))
            }
        }

        /// Waits until the server holds nothing for any connection.
        static func expectEverythingFreed(_ s: WireServer) async throws {
            try await waitFor("the runtime, the transport and the handlers to let go of the connection") {
                s.server.connectionCount == 0 && s.transport.openConnections == 0
                    && s.transport.queuedOutboundBytes == 0 && s.probe.exited == s.probe.started
            }
        }

        @Test("idle timeout")
        func idle() async throws {
            try await withWireServer(transportConfig: .init(loopCount: 2, idleTimeout: .milliseconds(300))) { s in
                let client = try s.socket()
                _ = try await client.readUntilClosed(within: .seconds(10))
                try await Self.expectEverythingFreed(s)
            }
        }

        @Test("a frame not finished within frameTimeout, with calls in flight")
        func frameTimeout() async throws {
            try await withWireServer(transportConfig: .init(loopCount: 2, frameTimeout: .milliseconds(300))) { s in
                let client = try s.socket()
                try await client.send(Self.blockCalls(1...3))
                try await waitFor("the handlers to start") { s.probe.started == 3 }
                try await client.send([0, 0, 1, 0, 0x7B])
                _ = try await client.readUntilClosed(within: .seconds(10))
                try await Self.expectEverythingFreed(s)
                #expect(s.probe.cancelled == 3)
            }
        }

        @Test("a client that reads nothing for outboundStallTimeout, with answers queued and calls in flight")
        func stall() async throws {
            let transport = TCPServerTransport.Config(loopCount: 2, outboundStallTimeout: .milliseconds(500))
            try await withWireServer(transportConfig: transport) { s in
                let client = try s.socket(receiveBuffer: 4096)
                try await client.send(Self.blockCalls(1...2) + Self.bigEchoes(3...40, bytes: 1 << 20))
                try await waitFor("the server to close the stalled connection", timeout: .seconds(10)) {
                    client.peerHasClosed
                }
                try await Self.expectEverythingFreed(s)
            }
        }

        @Test("more queued for one connection than maxBufferedOutboundBytes")
        func perConnectionLimit() async throws {
            let transport = TCPServerTransport.Config(loopCount: 2, maxBufferedOutboundBytes: 2 << 20)
            try await withWireServer(transportConfig: transport) { s in
                let client = try s.socket(receiveBuffer: 4096)
                try await client.send(Self.blockCalls(1...2) + Self.bigEchoes(3...12, bytes: 1 << 20))
                try await waitFor("the server to close the connection over its limit") { client.peerHasClosed }
                try await Self.expectEverythingFreed(s)
            }
        }

        @Test("the server-wide outbound budget spent by clients that do not read")
        func serverWideBudget() async throws {
            let budget = 8 << 20
            let transport = TCPServerTransport.Config(
                loopCount: 2, maxServerOutboundBytes: budget, outboundStallTimeout: .seconds(2))
            try await withWireServer(transportConfig: transport) { s in
                // Each client asks for 9 MiB it never reads: under its own 64 MiB limit, but
                // six of them together pass the 8 MiB the server allows all connections.
                let clients = try (0..<6).map { _ in try s.socket(receiveBuffer: 4096) }
                for client in clients { try await client.send(Self.bigEchoes(1...3, bytes: 3_000_000)) }
                try await waitFor("the server to close a client once the budget is spent") {
                    clients.contains { $0.peerHasClosed }
                }
                // What stays queued is the budget plus what one connection added in its last
                // turn before the check closed it, not the 54 MiB asked for.
                try await waitFor("the queued bytes to settle under the budget and one connection's answers") {
                    s.transport.queuedOutboundBytes <= budget + 9_000_000
                }
                // The clients that are left read nothing: the stall timeout closes them.
                try await Self.expectEverythingFreed(s)
                #expect(clients.allSatisfy { $0.peerHasClosed })
            }
        }

        @Test("a frame over the size limit (a protocol error), with calls in flight")
        func protocolError() async throws {
            try await withWireServer { s in
                let client = try s.socket()
                try await client.send(Self.blockCalls(1...3))
                try await waitFor("the handlers to start") { s.probe.started == 3 }
                try await client.send([0x7F, 0xFF, 0xFF, 0xFF])
                let frames = try await client.readUntilClosed(within: .seconds(10))
                #expect(frames.last?["error"]?["data"]?["status"] == "RESOURCE_EXHAUSTED")
                try await Self.expectEverythingFreed(s)
            }
        }

        @Test("a client that resets the connection with calls in flight and answers queued")
        func clientReset() async throws {
            try await withWireServer { s in
                do {
                    let client = try s.socket(receiveBuffer: 4096)
                    try await client.send(Self.blockCalls(1...3) + Self.bigEchoes(4...8, bytes: 1 << 20))
                    try await waitFor("the handlers to start") { s.probe.started == 3 }
                    client.resetOnClose()
                }
                try await Self.expectEverythingFreed(s)
                #expect(s.probe.cancelled == 3)
            }
        }

        @Test("a client that hangs up after rate-limited calls")
        func clientHangUpAfterRateLimit() async throws {
            var config = RPCServerConfig()
            config.connectionRateLimit = RPCRateLimit(callsPerSecond: 5)
            try await withWireServer(config: config) { s in
                let client = try s.socket()
                try await client.send(Self.blockCalls(1...20))
                let refused = try await client.readJSON(count: 15)
                #expect(refused.allSatisfy { $0["error"]?["data"]?["status"] == "RESOURCE_EXHAUSTED" })
                client.hangUp()
                try await Self.expectEverythingFreed(s)
            }
        }

        @Test("a drain whose grace ends with calls in flight")
        func drain() async throws {
            var config = RPCServerConfig()
            config.drainGrace = .milliseconds(200)
            let s = try WireServer(config: config)
            let client = try s.socket()
            try await client.send(Self.blockCalls(1...3))
            try await waitFor("the handlers to start") { s.probe.started == 3 }
            s.server.beginGracefulShutdown()
            let frames = try await client.readUntilClosed(within: .seconds(10))
            #expect(frames.filter { $0["error"]?["data"]?["status"] == "UNAVAILABLE" }.count == 3)
            try await s.waitServed()
            try await Self.expectEverythingFreed(s)
        }
    }
}

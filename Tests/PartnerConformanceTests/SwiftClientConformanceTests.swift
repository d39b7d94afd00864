import FramedJSON
import FramedRPC
import FramedRPCTCP
import PartnerAPI
import PartnerConformance
import Testing

/// The bundled Swift client held to the client side of `Protocol/WIRE.md`, against the suite's
/// scripted server (`partner-conformance serve`) over real loopback sockets.
@Suite("Swift client against the scripted server", .timeLimit(.minutes(1)))
struct SwiftClientConformanceTests {
    /// A client of `server`, closed by `body`'s end.
    private func withClient<T>(
        _ script: ServeScript, _ body: (PartnerClient, ScriptedServer) async throws -> T
    ) async throws -> T {
        let server = try ScriptedServer(script: script)
        let rpc = RPCClient(
            transport: TCPClientTransport(host: "127.0.0.1", port: server.port),
            config: RPCClientConfig(authorization: "Bearer conformance"))
        let client = PartnerClient(rpc: rpc)
        do {
            let value = try await body(client, server)
            await rpc.close()
            server.stop()
            return value
        } catch {
            await rpc.close()
            server.stop()
            throw error
        }
    }

    /// Sends `count` concurrent `Customers.Get` calls and returns (asked, answered) id pairs.
    private func concurrentGets(_ client: PartnerClient, count: Int) async throws -> [(String, String)] {
        try await withThrowingTaskGroup(of: (String, String).self) { group in
            for n in 0..<count {
                group.addTask {
                    let asked = "cus_\(n)"
                    let customer = try await client.customers.get(.init(customerId: asked))
                    return (asked, customer.id)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("answers that arrive newest first are matched to their calls by id (§7)")
    func outOfOrderAnswers() async throws {
        let pairs = try await withClient(.outOfOrder) { client, _ in try await concurrentGets(client, count: 16) }
        #expect(pairs.count == 16)
        for (asked, answered) in pairs { #expect(asked == answered) }
    }

    @Test("frames written one byte per send are reassembled (§2.2)")
    func splitFrames() async throws {
        let pairs = try await withClient(.splitFrames) { client, _ in try await concurrentGets(client, count: 4) }
        for (asked, answered) in pairs { #expect(asked == answered) }
        let status = try await withClient(.splitFrames) { client, _ in try await client.healthCheck() }
        #expect(status == "SERVING")
    }

    @Test("several answers in one segment are split into their frames (§2.2)")
    func coalescedFrames() async throws {
        let pairs = try await withClient(.coalesced) { client, _ in try await concurrentGets(client, count: 24) }
        #expect(pairs.count == 24)
        for (asked, answered) in pairs { #expect(asked == answered) }
    }

    @Test("after $/goaway the calls in flight finish and later calls go to a new connection (§11.2)")
    func goawayMovesToANewConnection() async throws {
        let accepted = try await withClient(.goaway) { client, server in
            let first = try await concurrentGets(client, count: 3)
            for (asked, answered) in first { #expect(asked == answered) }
            for n in 0..<5 {
                let customer = try await client.customers.get(.init(customerId: "cus_after_\(n)"))
                #expect(customer.id == "cus_after_\(n)")
            }
            return server.acceptedConnections
        }
        #expect(accepted >= 2)
    }

    @Test("a stream longer than its window completes because the client grants $/credit (§10.2)")
    func slowStreamWithCredit() async throws {
        let (sequences, count) = try await withClient(.slowStream) { client, _ in
            let stream = client.events.watch(.init(afterSequence: 0))
            var sequences: [Int64] = []
            for try await event in stream { sequences.append(event.sequence) }
            return (sequences, try await stream.result().count)
        }
        #expect(sequences == (1...Int64(ServeFixtures.streamLength)).map { $0 })
        #expect(count == ServeFixtures.streamLength)
    }

    @Test("unknown members in results and errors and unknown notifications are ignored (§2.1, §3.3, §5.1)")
    func unknownFieldsIgnored() async throws {
        try await withClient(.unknownFields) { client, _ in
            let customer = try await client.customers.get(.init(customerId: "cus_future"))
            #expect(customer.id == "cus_future")
            #expect(try await client.healthCheck() == "SERVING")
            let error = await #expect(throws: RPCError.self) { try await client.call("Nope.Nothing", params: [:]) }
            #expect(error?.code == .unimplemented)
        }
    }

    @Test("a connection lost mid-call fails the call UNAVAILABLE; an idempotent call is retried (§2.4)")
    func lostConnection() async throws {
        try await withClient(.dropFirstCall) { client, _ in
            // The runtime client alone never re-sends a call that may have reached the server.
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.caller.rpc.unary("Health.Check", params: ["service": ""] as JSONValue)
            }
            #expect(error?.code == .unavailable)
            let customer = try await client.customers.get(.init(customerId: "cus_retry"))
            #expect(customer.id == "cus_retry")
        }
    }

    @Test("an error with a status no version defines is reported as UNKNOWN (§5.2)")
    func unknownStatus() async throws {
        try await withClient(.unknownStatus) { client, _ in
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.customers.get(.init(customerId: "cus_x"))
            }
            #expect(error?.code == .unknown)
        }
    }
}

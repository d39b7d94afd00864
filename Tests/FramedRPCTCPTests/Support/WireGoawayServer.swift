import FramedJSON
import FramedRPC
import FramedRPCTCP
import PartnerTestSupport
import Synchronization

/// A scripted TCP server for the client's `$/goaway` rule: every request is answered
/// `{"connection": n}` (n counts accepted connections from 1), except that connection 1 sends
/// `$/goaway` just before its first answer and answers any later request UNAVAILABLE. A client
/// that keeps using a connection after `$/goaway` therefore sees an error.
final class WireGoawayServer: Sendable {
    let transport: TCPServerTransport
    let port: Int
    private let accepted = Counter()
    private let serving: Task<Void, any Error>

    /// Connections accepted so far.
    var connections: Int { accepted.value.load(ordering: .relaxed) }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    init() throws {
        let transport = TCPServerTransport(config: .init(host: "127.0.0.1", port: 0, loopCount: 1))
        self.transport = transport
        port = try transport.listen().port
        let accepted = self.accepted
        serving = Task {
            try await transport.serve { outbound, _ in
                let number = accepted.value.wrappingAdd(1, ordering: .relaxed).newValue
                return Inbound(number: number, outbound: outbound)
            }
        }
    }

    func stop() async throws {
        transport.stopListening()
        transport.closeAllConnections()
        let serving = self.serving
        try await within(.seconds(10), "the scripted server to stop") { try await serving.value }
    }

    final class Inbound: RPCConnectionInbound, Sendable {
        let number: Int
        let outbound: any RPCConnectionOutbound
        private let answered = Atomic<Int>(0)

        init(number: Int, outbound: any RPCConnectionOutbound) {
            self.number = number
            self.outbound = outbound
        }

        func receive(frame payload: [UInt8]) {
            guard let request = try? JSONParser(maxDepth: 64).parse(payload), let id = request["id"],
                let rpcID = RPCID(json: id)
            else { return }
            let count = answered.wrappingAdd(1, ordering: .relaxed).newValue
            if number == 1 && count > 1 {
                let error = RPCError(code: .unavailable, message: "this connection said $/goaway", retryAfterMs: 0)
                outbound.write(RPCEnvelopeEncoder.errorFrame(id: rpcID, error: error))
                return
            }
            if number == 1 {
                outbound.write(RPCEnvelopeEncoder.goawayFrame(reason: "scripted goaway", graceMs: 10_000))
            }
            outbound.write(
                RPCEnvelopeEncoder.responseFrame(id: rpcID, result: ["connection": .int(Int64(number))] as JSONValue))
        }

        func receive(frameError: FrameError) { outbound.close() }
        var isIdle: Bool { true }
        func connectionClosed(reason: String) {}
    }
}

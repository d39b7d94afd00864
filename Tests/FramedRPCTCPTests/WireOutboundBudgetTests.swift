import FramedJSON
import FramedRPC
import PartnerTestSupport
import Testing

extension WireTests {
    /// A client that sends calls and does not read: answers wait within the connection's
    /// outbound high-water mark instead of piling up to the limit that closes it.
    @Suite("Outbound budget of unary answers")
    struct OutboundBudget {
        @Test(
            "24 answers of 3 MiB to a client that reads late: the server pauses instead of queueing 72 MiB, and every answer arrives"
        )
        func lateReaderGetsEveryAnswer() async throws {
            try await withWireServer { s in
                let late = try s.socket(receiveBuffer: 32 << 10)
                var calls: [UInt8] = []
                for id in 1...24 {
                    calls += Frame.encode(
                        Array(
                            #"{"jsonrpc":"2.0","id":\#(id),"method":"Conformance.Echo","params":{"responseBytes":3145000}}"#
                                .utf8))
                }
                try await late.send(calls)
                try await waitFor("the late reader's receive buffer to fill") { late.unreadKernelBytes >= 16 << 10 }
                // The transport closes a connection past 64 MiB queued ("peer is not reading"):
                // with every answer produced at once it would be closed here. Answers are held
                // back while more than the high-water mark (1 MiB) waits, so all 72 MiB arrive.
                for id in 1...24 {
                    // Checked on the bytes: parsing 72 MiB of JSON would only slow the test down.
                    let frame = try await late.readFrame(within: .seconds(60))
                    #expect(frame.starts(with: Array(#"{"jsonrpc":"2.0","id":\#(id),"result":{"#.utf8)))
                    #expect(frame.count > 3_145_000)
                }
            }
        }

        @Test("while one connection's answers wait, another connection is served")
        func otherConnectionsGoOn() async throws {
            try await withWireServer { s in
                let late = try s.socket(receiveBuffer: 32 << 10)
                var calls: [UInt8] = []
                for id in 1...8 {
                    calls += Frame.encode(
                        Array(
                            #"{"jsonrpc":"2.0","id":\#(id),"method":"Conformance.Echo","params":{"responseBytes":1048576}}"#
                                .utf8))
                }
                try await late.send(calls)
                try await waitFor("the late reader's receive buffer to fill") { late.unreadKernelBytes >= 16 << 10 }
                let other = try s.socket()
                try await other.send(
                    frame: #"{"jsonrpc":"2.0","id":"x","method":"Conformance.Echo","params":{"message":"hi"}}"#)
                let answer = try await other.readJSON()
                #expect(answer["result"]?["message"] == "hi")
                let answers = try await late.readJSON(count: 8, within: .seconds(60))
                #expect(answers.compactMap { $0["id"]?.intValue } == Array(1...8))
            }
        }
    }
}

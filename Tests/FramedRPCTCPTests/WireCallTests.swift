import FramedJSON
import FramedRPC
import PartnerTestSupport
import Testing

extension WireTests {
    /// WIRE.md §7-§10: multiplexing, deadlines, cancellation, streaming with credit.
    @Suite("Calls: multiplexing, deadlines, cancel, streams (WIRE.md §7-§10)")
    struct Calls {
        @Test("§7: 2,000 calls pipelined on one connection are each answered once, correctly, out of order")
        func pipelinedCalls() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                var bytes: [UInt8] = []
                for i in 0..<2000 {
                    let delay = (1999 - i) % 20
                    bytes += Frame.encode(
                        Array(
                            #"{"jsonrpc":"2.0","id":\#(i),"method":"Conformance.Echo","params":{"message":"m\#(i)","delayMs":\#(delay)}}"#
                                .utf8))
                }
                try await socket.send(bytes)
                let answers = try await socket.readJSON(count: 2000, within: .seconds(30))
                let ids = answers.compactMap { $0["id"]?.intValue }
                #expect(ids.count == 2000)
                #expect(Set(ids).count == 2000, "every call answered exactly once")
                for answer in answers {
                    let id = try #require(answer["id"]?.intValue)
                    #expect(answer["result"]?["message"] == .string("m\(id)"))
                }
                #expect(ids != ids.sorted(), "the answers came back in request order: nothing shows multiplexing")
                let overtaken = zip(ids, ids.dropFirst()).filter { $0 > $1 }.count
                #expect(overtaken > 100, "only \(overtaken) answers overtook an earlier request")
            }
        }

        @Test("§7: a request reusing an id still in flight fails -32600, and the running call is unaffected")
        func duplicateInFlightID() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame:
                        #"{"jsonrpc":"2.0","id":"c-4","method":"Conformance.Echo","params":{"message":1,"delayMs":100}}"#
                )
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":"c-4","method":"Conformance.Echo","params":{"message":2}}"#)
                let first = try await socket.readJSON()
                #expect(first["id"] == "c-4")
                #expect(first.wireErrorCode == -32600)
                #expect(first.wireMessage == #"invalid request: id "c-4" is already in flight"#)
                let second = try await socket.readJSON()
                #expect(second["result"]?["message"] == 1)
            }
        }

        @Test(
            "§8: a passed deadline ends the call with DEADLINE_EXCEEDED (4), never CANCELLED, and cancels the handler")
        func deadlineExceeded() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":1,"method":"WireTest.Block","meta":{"timeoutMs":50}}"#)
                let answer = try await socket.readJSON()
                #expect(answer["id"] == 1)
                #expect(answer.wireErrorCode == 4)
                #expect(answer.wireStatus == "DEADLINE_EXCEEDED")
                #expect(answer.wireMessage == "deadline exceeded")
                try await waitFor("the handler to see its cancellation") { s.probe.cancelled == 1 }
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":2,"method":"Health.Check","meta":{"timeoutMs":0}}"#)
                let zero = try await socket.readJSON()
                #expect(zero["id"] == 2)
                #expect(zero.wireStatus == "DEADLINE_EXCEEDED", "timeoutMs 0 fails without running")
            }
        }

        @Test("§9: $/cancel of a unary call answers it CANCELLED exactly once and cancels its handler")
        func cancelUnary() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":"c-4","method":"WireTest.Block"}"#)
                try await waitFor("the handler to start") { s.probe.started == 1 }
                try await socket.send(frame: #"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":"c-4"}}"#)
                let answer = try await socket.readJSON()
                #expect(
                    answer == [
                        "jsonrpc": "2.0", "id": "c-4",
                        "error": [
                            "code": 1, "message": #"call "c-4" was cancelled by the client"#,
                            "data": ["status": "CANCELLED", "details": []],
                        ],
                    ])
                try await waitFor("the handler to see its cancellation") { s.probe.cancelled == 1 }
                try await socket.send(frame: #"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":"c-4"}}"#)
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":"next","method":"$/ping"}"#)
                #expect(try await socket.readJSON()["id"] == "next", "a second cancel of a finished call is ignored")
            }
        }

        @Test("§9: $/cancel of a stream ends it CANCELLED; no item follows the response")
        func cancelStream() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame:
                        #"{"jsonrpc":"2.0","id":3,"method":"Conformance.Stream","params":{"count":100000,"intervalMs":5}}"#
                )
                let first = try await socket.readJSON()
                #expect(first.notificationMethod == "$/item")
                #expect(first["params"]?["id"] == 3)
                #expect(first["params"]?["item"]?["index"] == 0)
                try await socket.send(frame: #"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":3}}"#)
                let rest = try await socket.readJSON(until: { $0["id"] == 3 })
                let end = try #require(rest.last)
                #expect(end.wireErrorCode == 1)
                #expect(end.wireStatus == "CANCELLED")
                var expected: Int64 = 1
                for item in rest.dropLast() {
                    #expect(item["params"]?["item"]?["index"]?.intValue == expected, "items stay in order")
                    expected += 1
                }
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":"after","method":"Conformance.Echo","params":{"delayMs":30}}"#)
                let after = try await socket.readJSON()
                #expect(after["id"] == "after", "no $/item for the cancelled stream after its response, got \(after)")
            }
        }

        @Test("§10.2: a stream sends at most streamWindow items until $/credit grants more")
        func streamCredit() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame:
                        #"{"jsonrpc":"2.0","id":3,"method":"Conformance.Stream","params":{"count":5},"meta":{"streamWindow":2}}"#
                )
                let firstTwo = try await socket.readJSON(count: 2)
                #expect(firstTwo.map { $0["params"]?["item"]?["index"] } == [0, 1])
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":"probe","method":"Conformance.Echo","params":{"delayMs":50}}"#)
                #expect(try await socket.readJSON()["id"] == "probe", "no third item without credit")
                try await socket.send(frame: #"{"jsonrpc":"2.0","method":"$/credit","params":{"id":3,"items":3}}"#)
                let rest = try await socket.readJSON(count: 4)
                #expect(rest.prefix(3).map { $0["params"]?["item"]?["index"] } == [2, 3, 4])
                #expect(rest[3] == ["jsonrpc": "2.0", "id": 3, "result": ["count": 5]])
            }
        }

        @Test("§2.2: a 3 MiB message makes the round trip intact")
        func threeMebibyteRoundTrip() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                let size = 3 << 20
                var text = [UInt8](repeating: 0, count: size)
                for i in 0..<size { text[i] = UInt8(ascii: "a") + UInt8(i % 26) }
                let message = String(decoding: text, as: UTF8.self)
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"message":"\#(message)"}}"#)
                let answer = try await socket.readJSON(within: .seconds(20))
                #expect(answer["result"]?["message"]?.stringValue == message)
                let client = s.client()
                let result = try await client.unary(
                    "Conformance.Echo", params: ["message": .string(message), "responseBytes": 1000] as JSONValue)
                #expect(result["message"]?.stringValue == message)
                #expect(result["padding"]?.stringValue?.utf8.count == 1000)
                await client.close()
            }
        }

        @Test(
            "§2.2, §15: a response above maxFrameBytes is not sent; the call fails RESOURCE_EXHAUSTED naming the limit and the size"
        )
        func oversizeResponse() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                let message = String(repeating: "m", count: 3 << 20)
                try await socket.send(
                    frame:
                        #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"message":"\#(message)","responseBytes":3145728}}"#
                )
                let answer = try await socket.readJSON(within: .seconds(20))
                let size =
                    #"{"jsonrpc":"2.0","id":1,"result":{"message":"","meta":{},"padding":""}}"#.utf8.count + (3 << 20)
                    + 3_145_728
                #expect(answer["id"] == 1)
                #expect(answer.wireErrorCode == 8)
                #expect(answer.wireStatus == "RESOURCE_EXHAUSTED")
                #expect(answer.wireMessage == "response of \(size) bytes exceeds the limit of 4194304 bytes")
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":2,"method":"$/ping"}"#)
                #expect(try await socket.readJSON()["id"] == 2, "the connection stays usable")
            }
        }

        @Test(
            "§6: when a batch's response array would pass maxFrameBytes, each successful member is answered RESOURCE_EXHAUSTED"
        )
        func oversizeBatchResponse() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame: #"[{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"responseBytes":3145728}},"#
                        + #"{"jsonrpc":"2.0","id":2,"method":"Conformance.Echo","params":{"responseBytes":3145728}},"#
                        + #"{"jsonrpc":"2.0","id":3,"method":"Nope.Nothing"},{"jsonrpc":"2.0","id":4,"method":"$/ping"}]"#
                )
                let frame = try await socket.readFrame(within: .seconds(20))
                #expect(frame.count <= 4_194_304)
                let members = try #require(try WireSocket.parse(frame).arrayValue)
                #expect(members.count == 4)
                for id: JSONValue in [1, 2, 4] {
                    let member = members.first { $0["id"] == id }
                    #expect(member?.wireErrorCode == 8, "member \(id)")
                    #expect(member?.wireMessage?.hasSuffix("bytes exceeds the limit of 4194304 bytes") == true)
                }
                #expect(members.first { $0["id"] == 3 }?.wireErrorCode == -32601, "errors stay as they were")
            }
        }

        @Test("§2.2, §10: a stream item above maxFrameBytes is not sent; the stream ends RESOURCE_EXHAUSTED")
        func oversizeItem() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":1,"method":"WireTest.BigItem","params":{"bytes":4194304}}"#)
                let answer = try await socket.readJSON(within: .seconds(20))
                #expect(answer.notificationMethod == nil, "no oversize $/item frame")
                #expect(answer["id"] == 1)
                #expect(answer.wireErrorCode == 8)
                let size =
                    #"{"jsonrpc":"2.0","method":"$/item","params":{"id":1,"item":{"padding":""}}}"#.utf8.count
                    + 4_194_304
                #expect(answer.wireMessage == "item of \(size) bytes exceeds the limit of 4194304 bytes")
            }
        }

        @Test("§11.1: $/ping as a request is answered {}")
        func ping() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":10,"method":"$/ping"}"#)
                #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 10, "result": [:]])
            }
        }
    }
}

import FramedJSON
import FramedRPC
import PartnerTestSupport
import Testing

extension WireTests {
    /// WIRE.md §6: batches, following JSON-RPC 2.0 §6 and its §7 examples.
    @Suite("Batches (WIRE.md §6)")
    struct Batches {
        /// The answers of a batch response keyed by their id's JSON text.
        static func byID(_ response: JSONValue) throws -> [String: JSONValue] {
            let members = try #require(response.arrayValue, "a batch is answered with an array, got \(response)")
            var answers: [String: JSONValue] = [:]
            for member in members {
                let id = try #require(member["id"])
                answers[id.encodedString, default: .null] = member
            }
            return answers
        }

        @Test(
            "§6: a mixed batch gets one array with an answer per request and per invalid member, none for notifications"
        )
        func mixedBatch() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame: #"[{"jsonrpc":"2.0","id":5,"method":"Health.Check"},{"jsonrpc":"2.0","method":"$/ping"},"#
                        + #"{"jsonrpc":"2.0","id":6,"method":"Nope.Nothing"},42,"#
                        + #"{"jsonrpc":"2.0","id":7,"method":"Conformance.Echo","params":{"message":"m","delayMs":20}},"#
                        + #"{"jsonrpc":"2.0","method":"Conformance.Echo","params":{"message":"n"}},"#
                        + #"{"jsonrpc":"2.0","id":8,"method":"$/ping"},"#
                        + #"{"jsonrpc":"2.0","id":9,"method":"Conformance.Stream","params":{"count":1}}]"#)
                let response = try await socket.readJSON()
                let members = try #require(response.arrayValue)
                #expect(members.count == 6)
                let answers = try Self.byID(response)
                #expect(answers["5"]?["result"] == ["status": "SERVING"])
                #expect(answers["6"]?.wireErrorCode == -32601)
                #expect(answers["7"]?["result"]?["message"] == "m")
                #expect(answers["8"]?["result"] == [:])
                #expect(answers["9"]?.wireErrorCode == -32600)
                #expect(answers["9"]?.wireMessage == "invalid request: streaming methods cannot be called in a batch")
                let invalid = members.filter(\.hasNullID)
                #expect(invalid.count == 1)
                #expect(invalid.first?.wireErrorCode == -32600)
                #expect(invalid.first?.wireMessage == "invalid request: a request must be a JSON object, got integer")
            }
        }

        @Test("§6: an empty batch gets one error object, not an array: -32600 with id null")
        func emptyBatch() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: "[]")
                let answer = try await socket.readJSON()
                #expect(
                    answer == [
                        "jsonrpc": "2.0", "id": nil,
                        "error": [
                            "code": -32600, "message": "invalid request: empty batch",
                            "data": ["status": "INVALID_ARGUMENT", "details": []],
                        ],
                    ])
            }
        }

        @Test(
            "§6: invalid members are not notifications: each gets its own -32600 with id null (JSON-RPC 2.0 §7)",
            arguments: [
                (#"[{"foo":"boo"}]"#, 1), ("[1]", 1), ("[1,2,3]", 3), (#"[[{"jsonrpc":"2.0","method":"$/ping"}]]"#, 1),
                (#"[{"jsonrpc":"2.0","method":"$/ping","extra":1},{"jsonrpc":"2.0"},"x"]"#, 3),
                (#"[{"jsonrpc":"2.0","method":"$/ping"},{"jsonrpc":"1.0","method":"$/ping"}]"#, 1),
            ])
        func invalidMembers(_ batch: String, _ errors: Int) async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: batch)
                let response = try await socket.readJSON()
                let members = try #require(response.arrayValue, "a batch is answered with an array, got \(response)")
                #expect(members.count == errors)
                for member in members {
                    #expect(member.hasNullID)
                    #expect(member.wireErrorCode == -32600)
                    #expect(member.wireStatus == "INVALID_ARGUMENT")
                }
            }
        }

        @Test("§6: a batch of only valid notifications gets no answer at all")
        func onlyNotifications() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame: #"[{"jsonrpc":"2.0","method":"$/ping"},{"jsonrpc":"2.0","method":"Conformance.Echo"},"#
                        + #"{"jsonrpc":"2.0","method":"Nope.Nothing"}]"#)
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":"barrier","method":"Conformance.Echo","params":{"delayMs":50}}"#)
                let first = try await socket.readJSON()
                #expect(first["id"] == "barrier", "the first frame back is the barrier's answer, got \(first)")
            }
        }

        @Test("§6: more than maxBatch members get one RESOURCE_EXHAUSTED object naming the limit, and no member runs")
        func oversizeBatch() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                let members = (0..<101).map { _ in #"{"jsonrpc":"2.0","id":1,"method":"WireTest.Block"}"# }
                try await socket.send(frame: "[" + members.joined(separator: ",") + "]")
                let answer = try await socket.readJSON()
                #expect(answer.hasNullID)
                #expect(answer.wireErrorCode == 8)
                #expect(answer.wireStatus == "RESOURCE_EXHAUSTED")
                #expect(answer.wireMessage == "batch of 101 requests exceeds the limit of 100")
                #expect(s.probe.started == 0)
            }
        }

        @Test("§6: a batch that is not valid JSON gets one -32700 object")
        func unparsableBatch() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: #"[{"jsonrpc":"2.0","method":"a"},{"jsonrpc""#)
                let answer = try await socket.readJSON()
                #expect(answer.arrayValue == nil)
                #expect(answer.hasNullID)
                #expect(answer.wireErrorCode == -32700)
            }
        }

        @Test("§6, §7: a batch member repeating an id in flight, even an earlier member's, fails -32600")
        func duplicateIDInBatch() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    frame: #"[{"jsonrpc":"2.0","id":5,"method":"Conformance.Echo","params":{"delayMs":30}},"#
                        + #"{"jsonrpc":"2.0","id":5,"method":"Conformance.Echo"}]"#)
                let members = try #require(try await socket.readJSON().arrayValue)
                #expect(members.count == 2)
                #expect(members.contains { $0["result"] != nil })
                #expect(members.contains { $0.wireMessage == "invalid request: id 5 is already in flight" })
            }
        }
    }
}

import FramedJSON
import FramedRPC
import Testing

@Suite("Batch rules (WIRE.md §6)")
struct BatchRuleTests {
    private func ids(_ array: [JSONValue]) -> Set<String> { Set(array.map { $0["id"]?.description ?? "?" }) }

    @Test("6: a mixed batch is answered by one array, one entry per request member")
    func mixedBatch() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(
            """
            [{"jsonrpc":"2.0","method":"Test.Add","id":1,"params":{"a":2,"b":3}},
             {"jsonrpc":"2.0","method":"Test.Add","params":{"a":2,"b":3}},
             {"jsonrpc":"2.0","id":3},
             {"jsonrpc":"2.0","method":"No.Such","id":4},
             {"jsonrpc":"2.0","method":"Test.Sleep","id":"slow","params":{"ms":30}},
             {"jsonrpc":"2.0","method":"$/ping","id":6},
             {"jsonrpc":"2.0","method":"Conformance.Stream","id":7}]
            """)
        let answer = try await peer.next()
        let entries = try #require(answer.arrayValue)
        #expect(entries.count == 6)
        #expect(ids(entries) == ["1", "3", "4", "\"slow\"", "6", "7"])
        func entry(_ id: JSONValue) -> JSONValue? { entries.first { $0["id"] == id } }
        #expect(entry(1)?["result"] == 5)
        #expect(entry(3)?.errorCode == -32600)
        #expect(entry(4)?.errorCode == -32601)
        #expect(entry("slow")?["result"] == 30)
        #expect(entry(6)?["result"] == .object([:]))
        #expect(entry(7)?.errorCode == -32600)
        #expect(entry(7)?.errorMessage?.contains("streaming methods cannot be called in a batch") == true)
        #expect(try await peer.pingRoundTrip()["result"] != nil)
        await h.stop()
    }

    @Test("6: an empty batch is one error object (not an array), -32600, id null")
    func emptyBatch() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send("[]")
        let answer = try await peer.next()
        #expect(answer.arrayValue == nil)
        #expect(answer["id"] == .null)
        #expect(answer.errorCode == -32600)
        await h.stop()
    }

    @Test("6: invalid members each get their own error inside the array")
    func invalidMembers() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send("[1,2,3]")
        let entries = try #require(try await peer.next().arrayValue)
        #expect(entries.count == 3)
        for entry in entries {
            #expect(entry["id"] == .null)
            #expect(entry.errorCode == -32600)
        }
        await h.stop()
    }

    @Test("6: a batch of only notifications gets no answer at all")
    func onlyNotifications() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(
            #"[{"jsonrpc":"2.0","method":"Test.Add","params":{"a":1,"b":1}},{"jsonrpc":"2.0","method":"No.Such"},{"jsonrpc":"2.0","method":"$/ping"}]"#
        )
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Sleep","id":1,"params":{"ms":50}}"#)
        let first = try await peer.next()
        #expect(first["id"] == 1)
        #expect(try await peer.framesArriving(within: .milliseconds(30)).isEmpty)
        await h.stop()
    }

    @Test("6: more than maxBatch members is one RESOURCE_EXHAUSTED object naming the limit, id null")
    func overTheLimit() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        let member = #"{"jsonrpc":"2.0","method":"$/ping","id":1}"#
        peer.send("[" + Array(repeating: member, count: 101).joined(separator: ",") + "]")
        let answer = try await peer.next()
        #expect(answer.arrayValue == nil)
        #expect(answer["id"] == .null)
        #expect(answer.errorCode == 8)
        #expect(answer.errorMessage?.contains("101") == true)
        #expect(answer.errorMessage?.contains("100") == true)
        peer.send("[" + Array(repeating: member, count: 100).joined(separator: ",") + "]")
        #expect(try await peer.next().arrayValue?.count == 100)
        await h.stop()
    }
}

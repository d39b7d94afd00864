import FramedJSON
import FramedRPC
import FramedRPCInProcess
import Testing

@Suite("Envelope rules (WIRE.md §2-§5), over raw frames")
struct EnvelopeRuleTests {
    @Test("2: a payload that is not JSON gets -32700 with id null and the connection stays usable")
    func parseErrorKeepsConnectionUsable() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send("{\"jsonrpc\":\"2.0\",")
        let answer = try await peer.next()
        #expect(answer["id"] == .null)
        #expect(answer.errorCode == -32700)
        #expect(answer.errorStatus == "INVALID_ARGUMENT")
        #expect(answer.errorMessage?.contains("at byte") == true)
        let ping = try await peer.pingRoundTrip(id: 1)
        #expect(ping["id"] == 1)
        #expect(ping["result"] == .object([:]))
        await h.stop()
    }

    @Test("2: invalid UTF-8 is a parse error naming the offset")
    func invalidUTF8() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.sendRaw(
            Frame.encode(Array(#"{"jsonrpc":"2.0","method":""#.utf8) + [0xC3, 0x28] + Array(#"","id":1}"#.utf8)))
        let answer = try await peer.next()
        #expect(answer.errorCode == -32700)
        #expect(answer.errorMessage?.contains("UTF-8") == true)
        #expect(try await peer.pingRoundTrip()["result"] == .object([:]))
        await h.stop()
    }

    @Test("2: nesting deeper than maxDepth is -32700 naming the limit")
    func nestingDeeperThanLimit() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","id":1,"params":{"a":"# + deep + "}}")
        let answer = try await peer.next()
        #expect(answer.errorCode == -32700)
        #expect(answer.errorMessage?.contains("nesting deeper than the limit of 64") == true)
        #expect(try await peer.pingRoundTrip()["result"] == .object([:]))
        await h.stop()
    }

    @Test("1: a zero-length frame gets -32600 INVALID_ARGUMENT with id null, then the connection closes")
    func zeroLengthFrame() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.sendRaw([0, 0, 0, 0])
        let answer = try await peer.next()
        #expect(answer["id"] == .null)
        #expect(answer.errorCode == -32600)
        #expect(answer.errorStatus == "INVALID_ARGUMENT")
        #expect(answer.errorMessage?.contains("frame length 0 is invalid") == true)
        _ = try await peer.waitClosed()
        await h.stop()
    }

    @Test("1: a length above the limit gets RESOURCE_EXHAUSTED naming size and limit, then close")
    func oversizeFrame() async throws {
        var transportConfig = InProcessTransport.Config()
        transportConfig.maxFrameBytes = 1024
        let h = Harness(transportConfig: transportConfig)
        let peer = try await h.rawPeer()
        peer.sendRaw([0, 0, 0x13, 0x88, 0x7B])
        let answer = try await peer.next()
        #expect(answer.errorCode == 8)
        #expect(answer.errorStatus == "RESOURCE_EXHAUSTED")
        #expect(answer.errorMessage?.contains("5000") == true)
        #expect(answer.errorMessage?.contains("1024") == true)
        _ = try await peer.waitClosed()
        await h.stop()
    }

    struct InvalidCase: Sendable, CustomStringConvertible {
        var json: String
        var id: JSONValue
        var code: Int64
        var field: String?
        var description: String { json }
    }

    static let invalidCases: [InvalidCase] = [
        .init(json: #"{"jsonrpc":"2.0","id":1}"#, id: 1, code: -32600, field: "method"),
        .init(json: #"{"jsonrpc":"2.0","method":7,"id":2}"#, id: 2, code: -32600, field: "method"),
        .init(json: #"{"jsonrpc":"1.0","method":"Test.Add","id":3}"#, id: 3, code: -32600, field: "jsonrpc"),
        .init(json: #"{"method":"Test.Add","id":"s"}"#, id: "s", code: -32600, field: "jsonrpc"),
        .init(json: #"{"jsonrpc":"2.0","method":"Test.Add","id":1.5}"#, id: .null, code: -32600, field: "id"),
        .init(json: #"{"jsonrpc":"2.0","method":"Test.Add","id":{"a":1}}"#, id: .null, code: -32600, field: "id"),
        .init(json: #"{"jsonrpc":"2.0","method":"Test.Add","id":6,"extra":true}"#, id: 6, code: -32600, field: "extra"),
        .init(json: #"{"jsonrpc":"2.0","method":"Test.Add","id":7,"meta":[]}"#, id: 7, code: -32600, field: "meta"),
        .init(
            json: #"{"jsonrpc":"2.0","method":"Test.Add","id":8,"params":[1,2]}"#, id: 8, code: -32602, field: "params"),
        .init(
            json: #"{"jsonrpc":"2.0","method":"Test.Add","id":9,"params":"x"}"#, id: 9, code: -32600, field: "params"),
        .init(json: "42", id: .null, code: -32600, field: nil),
        .init(json: #""request""#, id: .null, code: -32600, field: nil),
    ]

    @Test(
        "3: invalid requests get -32600 (-32602 for positional params), id echoed when readable",
        arguments: invalidCases)
    func invalidRequest(_ c: InvalidCase) async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(c.json)
        let answer = try await peer.next()
        #expect(answer["jsonrpc"] == "2.0")
        #expect(answer["id"] == c.id)
        #expect(answer.errorCode == c.code)
        #expect(answer.errorStatus == "INVALID_ARGUMENT")
        #expect(answer["error"]?["data"]?["details"]?.arrayValue != nil)
        if let field = c.field { #expect(answer.errorField == field) }
        await h.stop()
    }

    @Test("5: an unknown method is -32601 UNIMPLEMENTED; rpc.* other than rpc.discover too")
    func unknownMethod() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"No.Such","id":1}"#)
        let answer = try await peer.next()
        #expect(answer.errorCode == -32601)
        #expect(answer.errorStatus == "UNIMPLEMENTED")
        peer.send(#"{"jsonrpc":"2.0","method":"rpc.other","id":2}"#)
        #expect(try await peer.next().errorCode == -32601)
        peer.send(#"{"jsonrpc":"2.0","method":"rpc.discover","id":3}"#)
        #expect(try await peer.next()["result"] == ["openrpc": "1.3.2"])
        await h.stop()
    }

    @Test("5: invalid params are -32602 INVALID_ARGUMENT and details name the field")
    func invalidParamsNameTheField() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","id":1,"params":{"a":1}}"#)
        let missing = try await peer.next()
        #expect(missing.errorCode == -32602)
        #expect(missing.errorStatus == "INVALID_ARGUMENT")
        #expect(missing.errorField == "b")
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","id":2,"params":{"a":"x","b":1}}"#)
        #expect(try await peer.next().errorField == "a")
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","id":3,"params":{"a":1,"b":2,"c":3}}"#)
        #expect(try await peer.next().errorField == "c")
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","id":4,"params":{"a":1,"b":2}}"#)
        #expect(try await peer.next() == ["jsonrpc": "2.0", "id": 4, "result": 3])
        await h.stop()
    }

    @Test("3: a notification never gets an answer, not even an error")
    func notificationGetsNoAnswer() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"Conformance.Echo","params":{"status":"NOT_FOUND"}}"#)
        peer.send(#"{"jsonrpc":"2.0","method":"No.Such"}"#)
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","meta":{"timeoutMs":-1}}"#)
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","params":[1]}"#)
        peer.send(#"{"jsonrpc":"2.0","method":"$/ping"}"#)
        peer.send(#"{"jsonrpc":"2.0","method":"Conformance.Echo","id":1,"params":{"delayMs":100}}"#)
        let first = try await peer.next()
        #expect(first["id"] == 1)
        #expect(first["result"] != nil)
        #expect(try await peer.framesArriving(within: .milliseconds(50)).isEmpty)
        await h.stop()
    }

    @Test("7: an id equal to one in flight is -32600 naming the id; the first call is unaffected")
    func duplicateInFlightID() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Block","id":5}"#)
        try await waitUntil("the handler to start") { h.probe.started == 1 }
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","id":5,"params":{"a":1,"b":1}}"#)
        let duplicate = try await peer.next()
        #expect(duplicate["id"] == 5)
        #expect(duplicate.errorCode == -32600)
        #expect(duplicate.errorMessage?.contains("id 5 is already in flight") == true)
        peer.send(#"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":5}}"#)
        let cancelled = try await peer.next()
        #expect(cancelled["id"] == 5)
        #expect(cancelled.errorCode == 1)
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","id":5,"params":{"a":1,"b":1}}"#)
        #expect(try await peer.next()["result"] == 2)
        await h.stop()
    }
}

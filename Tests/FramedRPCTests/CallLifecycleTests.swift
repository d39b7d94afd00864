import FramedJSON
import FramedRPC
import Testing

@Suite("Multiplexing, deadlines, cancel, flow control, limits (WIRE.md §7-§10, §15)")
struct CallLifecycleTests {
    @Test("7: 2,000 calls pipelined on one connection are answered, each once, out of order")
    func twoThousandPipelinedCalls() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        var bytes: [UInt8] = []
        for i in 0..<2000 {
            let ms = (2000 - i) % 7
            bytes += Frame.encode(
                Array(#"{"jsonrpc":"2.0","method":"Test.Sleep","id":\#(i),"params":{"ms":\#(ms)}}"#.utf8))
        }
        peer.sendRaw(bytes)
        let answers = try await peer.next(2000, timeout: .seconds(60))
        let ids = answers.compactMap { $0["id"]?.intValue }
        #expect(Set(ids).count == 2000)
        #expect(ids != ids.sorted(), "answers came in request order")
        for answer in answers {
            let id = try #require(answer["id"]?.intValue)
            #expect(answer["result"]?.intValue == (2000 - id) % 7)
        }
        await h.stop()
    }

    @Test("7: 2,000 concurrent client calls share one connection and each gets its own answer")
    func twoThousandConcurrentClientCalls() async throws {
        let h = Harness()
        let client = h.client()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<2000 {
                group.addTask {
                    let sum = try await client.unary("Test.Add", params: ["a": .int(Int64(i)), "b": 1] as JSONValue)
                    #expect(sum == .int(Int64(i) + 1))
                }
            }
            try await group.waitForAll()
        }
        #expect(h.server.connectionCount == 1)
        await client.close()
        await h.stop()
    }

    @Test("9: a passed deadline ends the call with DEADLINE_EXCEEDED (not CANCELLED) and cancels the handler")
    func deadlineExceeded() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Block","id":1,"meta":{"timeoutMs":50}}"#)
        let answer = try await peer.next()
        #expect(answer["id"] == 1)
        #expect(answer.errorCode == 4)
        #expect(answer.errorStatus == "DEADLINE_EXCEEDED")
        try await waitUntil("the handler to be cancelled") { h.probe.cancelledSeen == 1 }
        #expect(try await peer.framesArriving(within: .milliseconds(20)).isEmpty)
        await h.stop()
    }

    @Test("15: the client's own deadline sends $/cancel and throws DEADLINE_EXCEEDED")
    func clientDeadline() async throws {
        let h = Harness()
        let client = try await h.connectedClient()
        do {
            _ = try await client.unary(
                "Test.Block", params: RPCEmptyResult(), options: .init(timeout: .milliseconds(50)))
            Issue.record("the call outlived its deadline")
        } catch {
            #expect(error.code == .deadlineExceeded)
        }
        try await waitUntil("the server handler to be cancelled") { h.probe.cancelledSeen == 1 }
        await client.close()
        await h.stop()
    }

    @Test("8: $/cancel of a unary call answers CANCELLED once and cancels its handler")
    func cancelUnary() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Block","id":"c1"}"#)
        try await waitUntil("the handler to start") { h.probe.started == 1 }
        peer.send(#"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":"c1"}}"#)
        let answer = try await peer.next()
        #expect(answer["id"] == "c1")
        #expect(answer.errorCode == 1)
        #expect(answer.errorStatus == "CANCELLED")
        try await waitUntil("the handler to exit cancelled") { h.probe.cancelledSeen == 1 }
        peer.send(#"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":"c1"}}"#)
        peer.send(#"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":"unknown"}}"#)
        #expect(try await peer.pingRoundTrip()["result"] != nil)
        await h.stop()
    }

    @Test("15: cancelling the calling task sends $/cancel and the call throws CANCELLED")
    func clientTaskCancellation() async throws {
        let h = Harness()
        let client = h.client()
        let call = Task { () -> RPCError.Code? in
            do throws(RPCError) {
                _ = try await client.unary("Test.Block", params: RPCEmptyResult())
                return nil
            } catch {
                return error.code
            }
        }
        try await waitUntil("the handler to start") { h.probe.started == 1 }
        call.cancel()
        #expect(await call.value == .cancelled)
        try await waitUntil("the server handler to be cancelled") { h.probe.cancelledSeen == 1 }
        await client.close()
        await h.stop()
    }

    @Test("10: the server sends no more than streamWindow items until $/credit grants more")
    func streamCreditRespected() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(
            #"{"jsonrpc":"2.0","method":"Conformance.Stream","id":1,"params":{"count":10},"meta":{"streamWindow":3}}"#)
        let first = try await peer.next(3)
        #expect(first.map { $0["params"]?["item"]?["index"] } == [0, 1, 2])
        #expect(first.allSatisfy { $0["method"] == "$/item" && $0["params"]?["id"] == 1 })
        #expect(try await peer.framesArriving(within: .milliseconds(150)).isEmpty)
        peer.send(#"{"jsonrpc":"2.0","method":"$/credit","params":{"id":1,"items":2}}"#)
        #expect(try await peer.next(2).map { $0["params"]?["item"]?["index"] } == [3, 4])
        #expect(try await peer.framesArriving(within: .milliseconds(150)).isEmpty)
        peer.send(#"{"jsonrpc":"2.0","method":"$/credit","params":{"id":1,"items":100}}"#)
        let rest = try await peer.next(6)
        #expect(rest.prefix(5).map { $0["params"]?["item"]?["index"] } == [5, 6, 7, 8, 9])
        #expect(rest[5] == ["jsonrpc": "2.0", "id": 1, "result": ["count": 10]])
        await h.stop()
    }

    @Test("8: $/cancel of a stream answers CANCELLED, and no item follows the answer")
    func cancelStream() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"Conformance.Stream","id":9,"params":{"count":100000,"intervalMs":1}}"#)
        _ = try await peer.next(2)
        peer.send(#"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":9}}"#)
        var final: JSONValue?
        while final == nil {
            let frame = try await peer.next()
            if frame["method"] == "$/item" { continue }
            final = frame
        }
        #expect(final?["id"] == 9)
        #expect(final?.errorCode == 1)
        let after = try await peer.framesArriving(within: .milliseconds(50))
        #expect(after.isEmpty)
        await h.stop()
    }

    @Test("10: the client stream grants credit as it consumes and ends with the final result")
    func clientStreamConsumesWithCredit() async throws {
        let h = Harness()
        let client = h.client()
        let stream = client.serverStream(
            "Conformance.Stream", params: ["count": 200] as JSONValue, options: .init(streamWindow: 4))
        var indexes: [Int64] = []
        for try await item in stream { indexes.append(item["index"]?.intValue ?? -1) }
        #expect(indexes == Array(0..<200))
        #expect(try await stream.result() == ["count": 200])
        await client.close()
        await h.stop()
    }

    @Test("14: running handlers never exceed the limit, even under a cancel flood")
    func runningHandlerLimitUnderCancelFlood() async throws {
        var config = RPCServerConfig()
        config.maxConcurrentCallsPerConnection = 4
        let h = Harness(config: config)
        let peer = try await h.rawPeer()
        var bytes: [UInt8] = []
        for i in 1...12 {
            bytes += Frame.encode(Array(#"{"jsonrpc":"2.0","method":"Test.Stubborn","id":\#(i)}"#.utf8))
            bytes += Frame.encode(Array(#"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":\#(i)}}"#.utf8))
        }
        peer.sendRaw(bytes)
        try await waitUntil("4 handlers to start") { h.probe.started == 4 }
        let early = try await peer.framesArriving(within: .milliseconds(150))
        #expect(h.probe.started == 4, "a fifth handler started while 4 cancelled ones were still running")
        #expect(early.allSatisfy { $0.errorCode == 1 })
        h.probe.openGate()
        var answered = early.compactMap { $0["id"]?.intValue }
        while answered.count < 12 { answered.append(try #require(try await peer.next()["id"]?.intValue)) }
        #expect(answered.sorted() == Array(1...12))
        try await waitUntil("every handler to exit") { h.probe.exited == 12 }
        #expect(h.probe.maxRunning <= 4)
        await h.stop()
    }
}

import FramedJSON
import FramedRPC
import Synchronization
import Testing

/// What `RPCServerConfig.observer` is told: every answered call once, with the status the
/// client received, and every connection's open and close.
@Suite("Server observer")
struct ServerObserverTests {
    final class Recorder: RPCServerObserver, Sendable {
        let records = Mutex<[RPCCallRecord]>([])
        let started = Mutex<[String]>([])
        let closes = Mutex<[RPCCloseReason]>([])
        let opened = Mutex<Int>(0)
        func connectionOpened(_ connection: RPCConnectionInfo) { opened.withLock { $0 += 1 } }
        func connectionClosed(_ connection: RPCConnectionInfo, reason: RPCCloseReason, detail: String) {
            closes.withLock { $0.append(reason) }
        }
        func callStarted(_ call: RPCCallStart) { started.withLock { $0.append(call.method) } }
        func callFinished(_ record: RPCCallRecord) { records.withLock { $0.append(record) } }
        func record(_ id: String) -> RPCCallRecord? { records.withLock { $0.first { $0.callID == id } } }
    }

    static func harness(_ recorder: Recorder) -> Harness {
        var config = RPCServerConfig()
        config.observer = recorder
        return Harness(config: config)
    }

    @Test("a call cut by its deadline is reported once, DEADLINE_EXCEEDED, lasting about its deadline")
    func deadlineReportedOnce() async throws {
        let recorder = Recorder()
        let h = Self.harness(recorder)
        let peer = try await h.rawPeer()
        peer.send(
            #"{"jsonrpc":"2.0","method":"Test.Block","id":1,"meta":{"timeoutMs":50,"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}"#
        )
        _ = try await peer.next()
        try await waitUntil("the handler to be cancelled") { h.probe.cancelledSeen == 1 }
        peer.send(#"{"jsonrpc":"2.0","method":"$/ping","id":2}"#)
        _ = try await peer.next()
        let records = recorder.records.withLock { $0 }
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.status == .deadlineExceeded)
        #expect(record.method == "Test.Block" && record.isRegistered && record.handlerStarted)
        #expect(record.duration >= .milliseconds(50) && record.duration < .seconds(5))
        #expect(record.traceID == "0af7651916cd43dd8448eb211c80319c")
        #expect(recorder.started.withLock { $0 } == ["Test.Block"])
        await h.stop()
    }

    @Test("refusals before any handler are reported: unknown method, a deadline of 0, an invalid request")
    func refusals() async throws {
        let recorder = Recorder()
        let h = Self.harness(recorder)
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"Nope.Nothing","id":1}"#)
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Add","id":2,"params":{"a":1,"b":2},"meta":{"timeoutMs":0}}"#)
        peer.send(#"{"jsonrpc":"2.0","method":7,"id":3}"#)
        _ = try await peer.next(3)
        let unknown = try #require(recorder.record("1"))
        #expect(unknown.status == .unimplemented && !unknown.isRegistered && !unknown.handlerStarted)
        #expect(unknown.bytesIn > 0 && unknown.bytesOut > 0)
        #expect(recorder.record("2")?.status == .deadlineExceeded)
        #expect(recorder.record("3").map { $0.status != .ok && $0.method.isEmpty } == true)
        #expect(recorder.started.withLock { $0 }.isEmpty)
        await h.stop()
    }

    @Test(
        "a successful call reports OK with its bytes, and an unanswered one is reported CANCELLED when the connection goes"
    )
    func successAndOrphan() async throws {
        let recorder = Recorder()
        let h = Self.harness(recorder)
        let peer = try await h.rawPeer()
        peer.send(
            #"{"jsonrpc":"2.0","method":"Test.Add","id":"sum","params":{"a":1,"b":2},"meta":{"idempotencyKey":"k"}}"#)
        _ = try await peer.next()
        let ok = try #require(recorder.record("sum"))
        #expect(ok.status == .ok && ok.message == nil && ok.hasIdempotencyKey && ok.traceID == nil)
        peer.send(#"{"jsonrpc":"2.0","method":"Test.Block","id":9}"#)
        try await waitUntil("the blocking call to start") { recorder.started.withLock { $0.count } == 2 }
        peer.close()
        try await waitUntil("the close to be reported") { !recorder.closes.withLock { $0 }.isEmpty }
        #expect(recorder.record("9")?.status == .cancelled)
        #expect(recorder.opened.withLock { $0 } == 1)
        await h.stop()
    }

    @Test(
        "transport close descriptions map to bounded reasons",
        arguments: [
            ("idle for 300 s with no call in flight", "idle"),
            ("frame not completed within 30 s: 3 bytes of it arrived", "frame_timeout"),
            ("peer did not read the last 100 bytes within 5 s", "stall"),
            ("peer is not reading: 70000000 bytes queued exceed the limit of 67108864 bytes", "limit"),
            ("TLS handshake timed out after 10 s", "tls"),
            ("peer closed the connection", "client"),
            ("read failed: connection reset by peer", "error"),
            ("closed by the local side", "server"),
        ])
    func closeReasons(text: String, name: String) {
        #expect(RPCCloseReason(transportReason: text).name == name)
    }
}

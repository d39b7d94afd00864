import FramedRPC
import FramedRPCTCP
import PartnerTestSupport
import Synchronization
import Testing

@Suite("TCP idle and slow-frame timeouts")
struct TCPTimeoutTests {
    static func config(idle: Duration? = nil, frame: Duration? = nil) -> TCPServerTransport.Config {
        TCPServerTransport.Config(loopCount: 1, idleTimeout: idle, frameTimeout: frame)
    }

    @Test("a connection with no bytes either way and nothing in flight closes after the idle timeout")
    func idleCloses() async throws {
        let server = try await TestServer(config: Self.config(idle: .milliseconds(200)))
        let socket = try WireSocket(port: server.port)
        let started = WireSocket.now()
        try await socket.send(Frame.encode(Array("ping".utf8)))
        #expect(try await socket.readFrame() == Array("ping".utf8))
        try await socket.readFramesUntilClosed(within: .seconds(10))
        // The last bytes moved after `started`, so the close cannot come sooner than 200 ms.
        #expect(WireSocket.now() - started >= 0.2)
        let inbound = try #require(await server.inbound(0))
        #expect(await eventually { inbound.closeReasons.count == 1 })
        #expect(inbound.closeReasons.first?.contains("idle for 200 ms") == true)
        try await server.stop()
    }

    @Test("a call in flight keeps an idle connection open until the inbound side is idle")
    func busyStaysOpen() async throws {
        let server = try await TestServer(config: Self.config(idle: .milliseconds(100))) { outbound in
            let inbound = TestInbound(mode: .echo, outbound: outbound)
            inbound.idle.store(false, ordering: .relaxed)
            return inbound
        }
        let socket = try WireSocket(port: server.port)
        let inbound = try #require(await server.inbound(0))
        // Well past the idle timeout the connection is still open (the inbound side is busy).
        #expect(await eventually(within: 0.5) { !inbound.closeReasons.isEmpty } == false)
        try await socket.send(Frame.encode(Array("still open".utf8)))
        #expect(try await socket.readFrame() == Array("still open".utf8))
        inbound.idle.store(true, ordering: .relaxed)
        try await socket.readFramesUntilClosed(within: .seconds(10))
        #expect(await eventually { inbound.closeReasons.count == 1 })
        try await server.stop()
    }

    @Test("a frame that does not finish arriving within the frame timeout closes the connection")
    func slowFrame() async throws {
        let server = try await TestServer(config: Self.config(frame: .milliseconds(200)))
        let socket = try WireSocket(port: server.port)
        let frame = Frame.encode(Array("{\"slow\":true}".utf8))
        try await socket.send(Array(frame[0..<6]))
        try await socket.readFramesUntilClosed(within: .seconds(10))
        let inbound = try #require(await server.inbound(0))
        #expect(await eventually { inbound.closeReasons.count == 1 })
        #expect(inbound.closeReasons.first?.contains("frame not completed within 200 ms") == true)
        #expect(inbound.frames.isEmpty)
        try await server.stop()
    }

    @Test("complete frames keep the slow-frame clock from running")
    func completeFramesDoNotTrip() async throws {
        let server = try await TestServer(config: Self.config(frame: .milliseconds(150)))
        let socket = try WireSocket(port: server.port)
        let deadline = WireSocket.now() + 0.5
        var count = 0
        while WireSocket.now() < deadline {
            let payload = Array("{\"n\":\(count)}".utf8)
            try await socket.send(Frame.encode(payload))
            #expect(try await socket.readFrame() == payload)
            count += 1
        }
        let inbound = try #require(await server.inbound(0))
        #expect(inbound.closeReasons.isEmpty)
        try await server.stop()
    }

    @Test("a steady stream whose writes end mid-frame does not trip the slow-frame timeout")
    func steadyStreamCutMidFrame() async throws {
        let server = try await TestServer(config: Self.config(frame: .seconds(1))) { outbound in
            TestInbound(mode: .record, outbound: outbound)
        }
        let socket = try WireSocket(port: server.port)
        // Each write finishes the previous frame and starts the next: the server's buffer is
        // never empty for 2.5 s, but no single frame takes longer than one pause to arrive.
        // A thread of its own paces the writes so that a busy test pool cannot stall them.
        let run = try await socket.paceHalfFrames(Frame.encode(Array("{\"tick\":true}".utf8)), every: 0.01, for: 2.5)
        let inbound = try #require(await server.inbound(0))
        if run.longestGap < 0.9 {
            #expect(run.failure == nil)
            #expect(await eventually { inbound.frameCount.load(ordering: .relaxed) == run.completed })
            #expect(inbound.closeReasons.isEmpty)
        } else {
            // The machine stalled the writer longer than the timeout: then closing is right.
            #expect(await eventually { inbound.closeReasons.count == 1 })
            #expect(inbound.closeReasons.first?.contains("frame not completed within 1 s") == true)
        }
        try await server.stop()
    }
}

import Dispatch
import FramedJSON
import PartnerTestSupport
import Synchronization
import Testing

@testable import PartnerConformance

#if canImport(Glibc)
    import Glibc
#endif

/// ``RawConnection`` against a scripted loopback peer: framing, held frames, closes, silence.
@Suite("RawConnection framing on a loopback socket", .timeLimit(.minutes(1)))
struct RawConnectionTests {
    /// A one-connection TCP peer on 127.0.0.1 that runs `script` with the accepted socket, then
    /// closes it.
    final class LoopbackPeer: Sendable {
        let port: Int
        private let listener: Int32
        private let done = DispatchSemaphore(value: 0)

        init(script: @escaping @Sendable (WireSocket) -> Void) throws {
            let (listener, port) = try LoopbackPorts.listen(backlog: 1)
            self.listener = listener
            self.port = port
            let done = done
            DispatchQueue.global().async {
                let fd = accept(listener, nil, nil)
                if fd >= 0 {
                    let socket = WireSocket(adopting: fd)
                    script(socket)
                    socket.close()
                }
                done.signal()
            }
        }

        /// Waits for the script to finish (at most 10 s) and closes the listener.
        func finish() {
            _ = done.wait(timeout: .now() + 10)
            close(listener)
        }
    }

    func context(port: Int) -> CaseContext {
        CaseContext(
            target: ConformanceTarget(host: "127.0.0.1", port: port, readTimeout: .seconds(5)), discovery: nil,
            runID: "t")
    }

    @Test("a frame is written as a 4-byte big-endian byte count and the payload")
    func writesFrames() throws {
        let received = Mutex<[UInt8]>([])
        let peer = try LoopbackPeer { socket in
            let payload = (try? socket.readFrame(timeout: 10)) ?? []
            received.withLock { $0 = payload }
        }
        let connection = try context(port: peer.port).connect()
        try connection.writeFrame(#"{"m":"é"}"#)
        peer.finish()
        #expect(received.withLock { $0 } == Array(#"{"m":"é"}"#.utf8))
        #expect(RawConnection.framed([1, 2, 3]) == [0, 0, 0, 3, 1, 2, 3])
        #expect(RawConnection.framed([UInt8](repeating: 0, count: 0x010203)).prefix(4) == [0, 1, 2, 3])
    }

    @Test("frames split byte by byte and coalesced in one write are both read whole, in order")
    func readsSplitAndCoalesced() throws {
        let peer = try LoopbackPeer { socket in
            let a = RawConnection.framed(Array(#"{"id":1,"result":{}}"#.utf8))
            for byte in a { socket.write([byte]) }
            socket.write(
                RawConnection.framed(Array(#"{"id":2,"result":{}}"#.utf8)) + RawConnection.framed(Array("[3]".utf8))
            )
        }
        let connection = try context(port: peer.port).connect()
        #expect(try connection.readFrame().object?["id"] == 1)
        #expect(try connection.readFrame().object?["id"] == 2)
        #expect(try connection.readFrame().array == [3])
        #expect(try connection.readFrameOrClose() == nil)
        peer.finish()
    }

    @Test("readResponse holds the frames that come before the awaited id, and later reads return them")
    func holdsOtherFrames() throws {
        let peer = try LoopbackPeer { socket in
            for text in [
                #"{"jsonrpc":"2.0","method":"$/item","params":{"id":7,"item":{"index":0}}}"#,
                #"{"jsonrpc":"2.0","id":2,"result":{}}"#,
                #"{"jsonrpc":"2.0","id":1,"result":{"n":1}}"#,
            ] {
                socket.write(RawConnection.framed(Array(text.utf8)))
            }
        }
        let connection = try context(port: peer.port).connect()
        let response = try connection.readResponse(id: 1)
        #expect(response["result"] == ["n": 1])
        #expect(connection.held.count == 2)
        #expect(try connection.readItems(id: 7, count: 1) == [["index": 0]])
        #expect(try connection.readResponse(id: 2)["result"] == .object([:]))
        #expect(connection.held.isEmpty)
        peer.finish()
    }

    @Test("a zero-length or non-JSON frame from the peer fails the case, naming the problem")
    func refusesBadFrames() throws {
        let peer = try LoopbackPeer { socket in
            socket.write(RawConnection.framed(Array("{not json".utf8)))
            socket.write([0, 0, 0, 0])
        }
        let connection = try context(port: peer.port).connect()
        let notJSON = #expect(throws: CaseFailure.self) { try connection.readFrame() }
        #expect(notJSON?.reason.contains("not JSON") == true)
        let empty = #expect(throws: CaseFailure.self) { try connection.readFrame() }
        #expect(empty?.reason.contains("length 0") == true)
        peer.finish()
    }

    @Test("expectSilence passes on a quiet connection and fails when a frame arrives or the peer closes")
    func silence() throws {
        let release = DispatchSemaphore(value: 0)
        let peer = try LoopbackPeer { socket in
            _ = release.wait(timeout: .now() + 5)
            socket.write(RawConnection.framed(Array(#"{"id":1,"result":{}}"#.utf8)))
        }
        let connection = try context(port: peer.port).connect()
        try connection.expectSilence(for: .milliseconds(100))
        release.signal()
        let failure = #expect(throws: CaseFailure.self) { try connection.expectSilence(for: .seconds(3)) }
        #expect(failure?.reason.contains("expected nothing") == true)
        peer.finish()
        #expect(throws: CaseFailure.self) { try connection.expectSilence(for: .seconds(3)) }
    }

    @Test("a read that times out names what it waited for and carries the transcript")
    func timeoutNamesTheWait() throws {
        let release = DispatchSemaphore(value: 0)
        let peer = try LoopbackPeer { socket in
            _ = try? socket.readFrame(timeout: 10)
            _ = release.wait(timeout: .now() + 5)
        }
        let context = context(port: peer.port)
        let connection = try context.connect()
        try connection.writeFrame(#"{"jsonrpc":"2.0","id":9,"method":"$/ping"}"#)
        let failure = #expect(throws: CaseFailure.self) {
            try connection.readResponse(id: 9, timeout: .milliseconds(200))
        }
        #expect(failure?.reason.contains("the response with id 9") == true)
        #expect(failure?.transcript.contains { $0.direction == .sent && $0.text.contains("$/ping") } == true)
        release.signal()
        peer.finish()
    }
}

import Dispatch
import FramedJSON
import Synchronization
import Testing

@testable import PartnerConformance

#if canImport(Glibc)
    import Glibc
#endif

/// ``RawConnection`` against a scripted loopback peer: framing, held frames, closes, silence.
@Suite("RawConnection framing on a loopback socket", .timeLimit(.minutes(1)))
struct RawConnectionTests {
    /// A one-connection TCP peer on 127.0.0.1 that runs `script` with the accepted socket.
    final class LoopbackPeer: Sendable {
        let port: Int
        private let listener: Int32
        private let done = DispatchSemaphore(value: 0)

        init(script: @escaping @Sendable (Int32) -> Void) throws {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(listener, pointer, length) == 0 && listen(listener, 1) == 0
                        && getsockname(listener, pointer, &length) == 0
                }
            }
            try #require(bound, "cannot listen on loopback")
            self.listener = listener
            self.port = Int(UInt16(bigEndian: address.sin_port))
            let done = done
            DispatchQueue.global().async {
                let fd = accept(listener, nil, nil)
                if fd >= 0 {
                    script(fd)
                    close(fd)
                }
                done.signal()
            }
        }

        /// Waits for the script to finish (at most 10 s) and closes the listener.
        func finish() {
            _ = done.wait(timeout: .now() + 10)
            close(listener)
        }

        static func readExactly(_ fd: Int32, _ count: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: count)
            while bytes.count < count {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, count - bytes.count) }
                if n <= 0 { break }
                bytes += chunk[0..<n]
            }
            return bytes
        }

        /// Reads one frame: 4 bytes of big-endian length, then the payload.
        static func readFrame(_ fd: Int32) -> [UInt8] {
            let header = readExactly(fd, 4)
            guard header.count == 4 else { return [] }
            let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
            return readExactly(fd, length)
        }

        static func write(_ fd: Int32, _ bytes: [UInt8]) {
            _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
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
        let peer = try LoopbackPeer { fd in
            let payload = LoopbackPeer.readFrame(fd)
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
        let peer = try LoopbackPeer { fd in
            let a = RawConnection.framed(Array(#"{"id":1,"result":{}}"#.utf8))
            for byte in a { LoopbackPeer.write(fd, [byte]) }
            LoopbackPeer.write(
                fd, RawConnection.framed(Array(#"{"id":2,"result":{}}"#.utf8)) + RawConnection.framed(Array("[3]".utf8))
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
        let peer = try LoopbackPeer { fd in
            for text in [
                #"{"jsonrpc":"2.0","method":"$/item","params":{"id":7,"item":{"index":0}}}"#,
                #"{"jsonrpc":"2.0","id":2,"result":{}}"#,
                #"{"jsonrpc":"2.0","id":1,"result":{"n":1}}"#,
            ] {
                LoopbackPeer.write(fd, RawConnection.framed(Array(text.utf8)))
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
        let peer = try LoopbackPeer { fd in
            LoopbackPeer.write(fd, RawConnection.framed(Array("{not json".utf8)))
            LoopbackPeer.write(fd, [0, 0, 0, 0])
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
        let peer = try LoopbackPeer { fd in
            _ = release.wait(timeout: .now() + 5)
            LoopbackPeer.write(fd, RawConnection.framed(Array(#"{"id":1,"result":{}}"#.utf8)))
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
        let peer = try LoopbackPeer { fd in
            _ = LoopbackPeer.readFrame(fd)
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

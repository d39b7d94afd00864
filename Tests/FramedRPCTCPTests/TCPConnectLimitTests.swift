import CEpoll
import FramedRPC
import FramedRPCTCP
import Glibc
import PartnerTestSupport
import Testing

@Suite("TCP client connect limits")
struct TCPConnectLimitTests {
    @Test("a connect that gets no answer fails with UNAVAILABLE after the connect timeout")
    func connectTimeout() async throws {
        // A listener that never accepts, with a backlog of 0: once its queue is full the
        // kernel drops further SYNs, so those connects get no answer at all.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                try #require(bind(listener, $0, length) == 0)
                try #require(getsockname(listener, $0, &length) == 0)
            }
        }
        try #require(Glibc.listen(listener, 0) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let transport = TCPClientTransport(host: "127.0.0.1", port: port, connectTimeout: .milliseconds(300))
        var timedOut: RPCError?
        var opened: [TCPConnection] = []
        for _ in 0..<8 where timedOut == nil {
            do {
                opened.append(
                    try await withTimeout(10) {
                        try await transport.openConnection(inbound: TestInbound(mode: .record))
                    })
            } catch let error as RPCError {
                timedOut = error
            }
        }
        let error = try #require(timedOut)
        #expect(error.code == .unavailable)
        #expect(error.message == "cannot connect to 127.0.0.1:\(port): timed out after 300 ms")
        for connection in opened { connection.close() }
    }

    @Test("cancelling the connecting task ends the connect with CANCELLED")
    func connectCancelled() async throws {
        let transport = TCPClientTransport(host: "127.0.0.1", port: 9, connectTimeout: .seconds(5))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await transport.openConnection(inbound: TestInbound(mode: .record))
        }
        let error = try await #require(throws: RPCError.self) { _ = try await task.value }
        #expect(error.code == .cancelled)
        #expect(error.message == "cannot connect to 127.0.0.1:9: the connecting task was cancelled")
    }
}

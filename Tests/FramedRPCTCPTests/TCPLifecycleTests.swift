import CEpoll
import FramedRPC
import FramedRPCTCP
import Glibc
import PartnerTestSupport
import Synchronization
import Testing

@Suite("TCP server and client lifecycle")
struct TCPLifecycleTests {
    @Test("500 concurrent client connections each make a round trip")
    func manyConnections() async throws {
        let server = try await TestServer()
        let transport = TCPClientTransport(host: "127.0.0.1", port: server.port)
        let count = 500
        let results = try await withTimeout(60) {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<count {
                    group.addTask {
                        let inbound = TestInbound(mode: .record)
                        let outbound = try await transport.connect(inbound: inbound)
                        let payload = Array("{\"connection\":\(index)}".utf8)
                        outbound.write(Frame.encode(payload))
                        let ok = await eventually(within: 30) { inbound.frames.count == 1 }
                        let matched = ok && inbound.frames == [payload]
                        outbound.close()
                        return matched
                    }
                }
                var matched = 0
                for try await ok in group where ok { matched += 1 }
                return matched
            }
        }
        #expect(results == count)
        #expect(await eventually { server.transport.connectionCount == 0 })
        try await server.stop()
    }

    @Test("stopListening refuses new connections, serves open ones, and serve returns once they close")
    func stopListening() async throws {
        let server = try await TestServer()
        let socket = try WireSocket(port: server.port)
        try await socket.send(Frame.encode(Array("one".utf8)))
        #expect(try await socket.readFrame() == Array("one".utf8))

        server.transport.stopListening()
        #expect(await eventually { (try? WireSocket(port: server.port)) == nil })
        try await socket.send(Frame.encode(Array("two".utf8)))
        #expect(try await socket.readFrame() == Array("two".utf8))

        socket.hangUp()
        let inbound = try #require(await server.inbound(0))
        #expect(await eventually { inbound.closeReasons.count == 1 })
        try await server.stop()
        #expect(server.transport.connectionCount == 0)
    }

    @Test("cancelling the task running serve stops listening and closes every connection")
    func cancelServe() async throws {
        let transport = TCPServerTransport(config: .init(loopCount: 2))
        let port = try transport.listen().port
        let inbounds = Locked<[TestInbound]>([])
        let serving = Task {
            try await transport.serve { outbound, _ in
                let inbound = TestInbound(mode: .echo, outbound: outbound)
                inbounds.withLock { $0.append(inbound) }
                return inbound
            }
        }
        let sockets = try (0..<3).map { _ in try WireSocket(port: port) }
        for socket in sockets {
            try await socket.send(Frame.encode(Array("hi".utf8)))
            #expect(try await socket.readFrame() == Array("hi".utf8))
        }
        serving.cancel()
        for socket in sockets {
            #expect(try await socket.readFramesUntilClosed().isEmpty)
        }
        try await withTimeout(30) { try await serving.value }
        #expect(inbounds.value.map(\.closeReasons.count) == [1, 1, 1])
        #expect((try? WireSocket(port: port)) == nil)
    }

    @Test("close() flushes queued frames before the connection ends")
    func closeFlushes() async throws {
        let server = try await TestServer { outbound in
            TestInbound(mode: .record, outbound: outbound) { inbound, _ in
                let outbound = inbound.outbound
                for index in 0..<100 { outbound?.write(Frame.encode(Array("reply \(index)".utf8))) }
                outbound?.close()
                outbound?.write(Frame.encode(Array("dropped".utf8)))
            }
        }
        let socket = try WireSocket(port: server.port)
        try await socket.send(Frame.encode(Array("go".utf8)))
        for index in 0..<100 {
            #expect(try await socket.readFrame() == Array("reply \(index)".utf8))
        }
        #expect(try await socket.readFramesUntilClosed().isEmpty)
        let inbound = try #require(await server.inbound(0))
        #expect(await eventually { inbound.closeReasons.count == 1 })
        try await server.stop()
    }

    @Test("a client connect to a closed port fails with UNAVAILABLE naming host and port")
    func connectRefused() async throws {
        // A socket bound to a port without listening holds the port: nothing else can take it,
        // and a connect there is refused.
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                try #require(bind(holder, $0, length) == 0)
                try #require(getsockname(holder, $0, &length) == 0)
            }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let transport = TCPClientTransport(host: "127.0.0.1", port: port, connectTimeout: .seconds(5))
        let error = try await #require(throws: RPCError.self) {
            _ = try await transport.connect(inbound: TestInbound(mode: .record))
        }
        #expect(error.code == .unavailable)
        #expect(error.message.hasPrefix("cannot connect to 127.0.0.1:\(port): "))
    }

    @Test("listening on a port in use fails with the address and the reason")
    func addressInUse() async throws {
        let first = TCPServerTransport(config: .init(host: "127.0.0.1", port: 0, loopCount: 1))
        let port = try first.listen().port
        let second = TCPServerTransport(config: .init(host: "127.0.0.1", port: port, loopCount: 1))
        let error = try #require(throws: TCPTransportError.self) { try second.listen() }
        #expect(error.description == "cannot listen on 127.0.0.1:\(port): Address already in use")
        await #expect(throws: TCPTransportError.self) { try await second.boundAddress() }
        first.stopListening()
        try await withTimeout(10) { try await first.serve { _, _ in TestInbound(mode: .record) } }
    }

    @Test("the client connection reports its loop as preferred executor and frames flow both ways")
    func clientRoundTrip() async throws {
        let server = try await TestServer()
        let transport = TCPClientTransport(host: "localhost", port: server.port)
        let inbound = TestInbound(mode: .record)
        let connection = try await transport.openConnection(inbound: inbound)
        #expect(connection.preferredExecutor as? EventLoop === connection.loop)
        let payloads = (0..<50).map { Array("{\"i\":\($0)}".utf8) }
        for payload in payloads { connection.write(Frame.encode(payload)) }
        #expect(await eventually { inbound.frames.count == payloads.count })
        #expect(inbound.frames == payloads)
        #expect(await connection.waitUntilWritable())
        connection.close()
        #expect(await eventually { inbound.closeReasons == ["closed by the local side"] })
        #expect(await connection.waitUntilWritable() == false)
        try await server.stop()
    }
}

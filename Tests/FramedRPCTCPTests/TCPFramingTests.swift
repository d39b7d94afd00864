import FramedRPC
import FramedRPCTCP
import Glibc
import PartnerTestSupport
import Testing

@Suite("TCP framing over loopback")
struct TCPFramingTests {
    static func payload(_ index: Int, size: Int = 40) -> [UInt8] {
        Array("{\"n\":\(index),\"pad\":\"\(String(repeating: "x", count: size))\"}".utf8)
    }

    @Test("frames sent one byte per write arrive whole and in order")
    func byteByByte() async throws {
        let server = try await TestServer()
        let socket = try WireSocket(port: server.port)
        let payloads = (0..<5).map { Self.payload($0, size: $0 * 7) }
        try await socket.sendByteByByte(payloads.flatMap { Frame.encode($0) })
        for expected in payloads {
            #expect(try await socket.readFrame() == expected)
        }
        let inbound = try #require(await server.inbound(0))
        #expect(inbound.frames == payloads)
        try await server.stop()
    }

    @Test("many frames coalesced into one write arrive whole and in order")
    func coalesced() async throws {
        let server = try await TestServer()
        let socket = try WireSocket(port: server.port)
        let payloads = (0..<500).map { Self.payload($0, size: $0 % 300) }
        try await socket.send(payloads.flatMap { Frame.encode($0) })
        for expected in payloads {
            #expect(try await socket.readFrame() == expected)
        }
        let inbound = try #require(await server.inbound(0))
        #expect(inbound.frames == payloads)
        try await server.stop()
    }

    @Test("a 3 MiB frame makes the round trip intact")
    func largeFrame() async throws {
        let server = try await TestServer()
        let socket = try WireSocket(port: server.port)
        let big = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try await socket.send(Frame.encode(big))
        let echoed = try await socket.readFrame(within: .seconds(30))
        #expect(echoed.count == big.count)
        #expect(echoed == big)
        try await server.stop()
    }

    @Test("an oversize length prefix is a frame error, allocates nothing, and closes")
    func oversizePrefix() async throws {
        let server = try await TestServer()
        let socket = try WireSocket(port: server.port)
        let residentBefore = Self.residentBytes()
        try await socket.send([0x7F, 0xFF, 0xFF, 0xFF] + Array("{\"a\":1}".utf8))
        let reply = try await socket.readFrame()
        #expect(String(decoding: reply, as: UTF8.self).contains("exceeds the limit of 4194304 bytes"))
        try await socket.readFramesUntilClosed()
        let inbound = try #require(await server.inbound(0))
        #expect(await eventually { inbound.closeReasons.count == 1 })
        #expect(inbound.frameErrors == [FrameError(kind: .tooLarge, declared: 0x7FFF_FFFF, limit: 4 << 20)])
        #expect(inbound.frames.isEmpty)
        #expect(Self.residentBytes() - residentBefore < 256 << 20)
        try await server.stop()
    }

    @Test("a zero length prefix is a frame error and closes")
    func zeroPrefix() async throws {
        let server = try await TestServer()
        let socket = try WireSocket(port: server.port)
        let good = Self.payload(1)
        try await socket.send(Frame.encode(good) + [0, 0, 0, 0] + Frame.encode(good))
        #expect(try await socket.readFrame() == good)
        let reply = try await socket.readFrame()
        #expect(String(decoding: reply, as: UTF8.self).contains("frame length 0 is invalid"))
        try await socket.readFramesUntilClosed()
        let inbound = try #require(await server.inbound(0))
        #expect(await eventually { inbound.closeReasons.count == 1 })
        #expect(inbound.frameErrors.map(\.kind) == [.zeroLength])
        #expect(inbound.frames == [good])
        try await server.stop()
    }

    @Test("half a frame then a hang-up closes once and the server keeps serving")
    func halfFrameHangUp() async throws {
        let server = try await TestServer()
        do {
            let socket = try WireSocket(port: server.port)
            let frame = Frame.encode(Self.payload(1, size: 1000))
            try await socket.send(Array(frame[0..<500]))
            let inbound = try #require(await server.inbound(0))
            #expect(await eventually { inbound.closeReasons.isEmpty && server.transport.connectionCount == 1 })
            socket.hangUp()
            #expect(await eventually { inbound.closeReasons.count == 1 })
            #expect(inbound.closeReasons.first?.contains("middle of a frame") == true)
        }
        let second = try WireSocket(port: server.port)
        let payload = Self.payload(2)
        try await second.send(Frame.encode(payload))
        #expect(try await second.readFrame() == payload)
        let first = try #require(await server.inbound(0))
        #expect(first.closeReasons.count == 1)
        #expect(first.frames.isEmpty)
        try await server.stop()
    }

    static func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0
        var resident = 0
        _ = withUnsafeMutablePointer(to: &size) { sizePointer in
            withUnsafeMutablePointer(to: &resident) { residentPointer in
                withVaList([sizePointer, residentPointer]) { vfscanf(file, "%ld %ld", $0) }
            }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

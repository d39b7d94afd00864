import FramedRPC
import FramedRPCTCP
import PartnerTestSupport
import Synchronization
import Testing

@Suite("TCP backpressure over loopback")
struct TCPBackpressureTests {
    @Test("setReading(false) stops delivery and TCP pushes back; setReading(true) resumes")
    func pauseReading() async throws {
        // The inbound pauses reading after the first frame.
        let server = try await TestServer { outbound in
            TestInbound(mode: .record, outbound: outbound) { inbound, _ in
                if inbound.frameCount.load(ordering: .relaxed) == 1 { inbound.outbound?.setReading(false) }
            }
        }
        let socket = try WireSocket(port: server.port, sendBuffer: 64 << 10)
        let frame = Frame.encode([UInt8](repeating: UInt8(ascii: "a"), count: 32 << 10))
        let total = 256
        let stream = Array((0..<total).map { _ in frame }.joined())  // 8 MiB at most
        var sent = 0
        var pushedBack = false
        while sent < stream.count {
            let n = (socket.sendSome(stream[sent...]) ?? 0)
            sent += n
            if n == 0, await socket.waitWritable(milliseconds: 300) == false {
                pushedBack = true
                break
            }
        }
        #expect(pushedBack, "the peer could write all \(sent) bytes: nothing pushed back")
        let inbound = try #require(await server.inbound(0))
        #expect(inbound.frameCount.load(ordering: .relaxed) == 1)

        inbound.outbound?.setReading(true)
        let rest = stream[sent...]
        let sender = Task.detached { try await socket.send(Array(rest)) }
        #expect(await eventually(within: 30) { inbound.frameCount.load(ordering: .relaxed) == total })
        try await sender.value
        #expect(inbound.frameErrors.isEmpty)
        try await server.stop()
    }

    @Test("a peer that never reads: buffer grows, waitUntilWritable waits, the limit closes it, others go on")
    func peerNeverReads() async throws {
        var config = TCPServerTransport.Config(loopCount: 2)
        config.maxBufferedOutboundBytes = 8 << 20
        config.highWater = 1 << 20
        config.lowWater = 256 << 10
        let server = try await TestServer(config: config)
        let stuck = try WireSocket(port: server.port, receiveBuffer: 16 << 10)
        try await stuck.send(Frame.encode(Array("start".utf8)))
        let inbound = try #require(await server.inbound(0))
        #expect(await eventually { inbound.frameCount.load(ordering: .relaxed) == 1 })
        let outbound = try #require(inbound.outbound)

        let chunk = Frame.encode([UInt8](repeating: UInt8(ascii: "z"), count: 1 << 20))
        var writes = 0
        // Write until the transport holds more than the high-water mark itself.
        while outbound.bufferedBytes <= 2 << 20 && writes < 64 {
            outbound.write(chunk)
            writes += 1
            _ = await eventually(within: 0.05) { outbound.bufferedBytes > 2 << 20 }
        }
        #expect(outbound.bufferedBytes > 2 << 20)

        let resumed = Atomic<Int>(0)
        let waiter = Task.detached {
            let writable = await outbound.waitUntilWritable()
            resumed.store(writable ? 1 : 2, ordering: .relaxed)
            return writable
        }
        // Meanwhile another connection is served normally.
        let other = try WireSocket(port: server.port)
        try await other.send(Frame.encode(Array("hello".utf8)))
        #expect(try await other.readFrame() == Array("hello".utf8))
        #expect(resumed.load(ordering: .relaxed) == 0, "waitUntilWritable returned while the peer reads nothing")

        // Past maxBufferedOutboundBytes the connection is closed.
        while inbound.closeReasons.isEmpty && writes < 200 {
            outbound.write(chunk)
            writes += 1
            _ = await eventually(within: 0.05) { !inbound.closeReasons.isEmpty }
        }
        #expect(await eventually { inbound.closeReasons.count == 1 })
        #expect(inbound.closeReasons.first?.contains("peer is not reading") == true)
        #expect(await waiter.value == false)
        #expect(await eventually { outbound.bufferedBytes == 0 })

        try await other.send(Frame.encode(Array("still here".utf8)))
        #expect(try await other.readFrame() == Array("still here".utf8))
        try await server.stop()
    }

    @Test("frames written from many threads at once arrive whole, each thread's in order")
    func manyWriters() async throws {
        let server = try await TestServer { outbound in TestInbound(mode: .record, outbound: outbound) }
        let socket = try WireSocket(port: server.port)
        try await socket.send(Frame.encode(Array("go".utf8)))
        let inbound = try #require(await server.inbound(0))
        #expect(await eventually { inbound.frameCount.load(ordering: .relaxed) == 1 })
        let outbound = try #require(inbound.outbound)

        let writers = 8
        let perWriter = 200
        let tasks = (0..<writers).map { writer in
            Task.detached {
                for sequence in 0..<perWriter {
                    // Sizes vary from a few bytes to ~100 KB so that sends split frames.
                    outbound.write(Frame.encode(Self.writerPayload(writer: writer, sequence: sequence)))
                }
            }
        }
        for task in tasks { await task.value }

        var next = [Int](repeating: 0, count: writers)
        for _ in 0..<(writers * perWriter) {
            let frame = try await socket.readFrame()
            let writer = Int(frame[0])
            let sequence = Int(frame[1]) << 8 | Int(frame[2])
            #expect(sequence == next[writer])
            next[writer] += 1
            #expect(frame == Self.writerPayload(writer: writer, sequence: sequence))
        }
        #expect(next == [Int](repeating: perWriter, count: writers))
        try await server.stop()
    }

    /// Frame `sequence` of `writer`: its numbers, then a fill byte; sizes vary from a few bytes
    /// to ~100 KB so that sends split frames.
    static func writerPayload(writer: Int, sequence: Int) -> [UInt8] {
        let modulus = sequence % 10 == 0 ? 100_000 : 300
        let size = (sequence * 7919 + writer * 131) % modulus + 8
        let fill = UInt8(truncatingIfNeeded: writer * 17 + sequence)
        var payload: [UInt8] = [UInt8(writer), UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        payload.append(contentsOf: repeatElement(fill, count: size))
        return payload
    }
}

import FramedRPC
import Testing

@Suite("FrameDecoder memory")
struct FrameDecoderMemoryTests {
    static let declared = 4 << 20

    static func header(_ length: Int) -> [UInt8] {
        var out: [UInt8] = []
        Frame.appendHeader(UInt32(length), to: &out)
        return out
    }

    @Test("a declared 4 MiB frame that stalls holds only the bytes that arrived, not 4 MiB")
    func stalledLargeFrameReservesNothing() throws {
        var decoder = FrameDecoder(maxFrameBytes: Self.declared)
        decoder.append(Self.header(Self.declared) + Array("{\"a\":".utf8))
        #expect(try decoder.nextFrame() == nil)
        #expect(decoder.bufferedBytes == 9)
        #expect(decoder.reservedBytes < 4096, "reserved \(decoder.reservedBytes) bytes for 9 received")
        #expect(decoder.hasPartialFrame)
    }

    @Test(
        "the buffer grows with the bytes received, at most about twice what arrived",
        arguments: [1, 1000, 70_000, 1_000_000])
    func growsWithArrivals(received: Int) throws {
        var decoder = FrameDecoder(maxFrameBytes: Self.declared)
        decoder.append(Self.header(Self.declared))
        let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 4096)
        var sent = 0
        while sent < received {
            let n = min(chunk.count, received - sent)
            decoder.append(chunk[0..<n])
            sent += n
            #expect(try decoder.nextFrame() == nil)
        }
        #expect(decoder.bufferedBytes == 4 + received)
        #expect(
            decoder.reservedBytes <= 2 * (4 + received) + 64, "reserved \(decoder.reservedBytes) for \(4 + received)")
    }

    @Test("a large frame that arrives in 64 KiB reads still decodes whole, then a small one after it")
    func largeFrameInChunksThenSmall() throws {
        var decoder = FrameDecoder(maxFrameBytes: Self.declared)
        let payload = [UInt8](repeating: UInt8(ascii: "7"), count: 3 << 20)
        let small = Array("[1]".utf8)
        let stream = Frame.encode(payload) + Frame.encode(small)
        var frames: [[UInt8]] = []
        var offset = 0
        while offset < stream.count {
            let end = min(offset + 65_536, stream.count)
            decoder.append(stream[offset..<end])
            offset = end
            while let frame = try decoder.nextFrame() { frames.append(frame) }
        }
        #expect(frames.count == 2)
        #expect(frames.first == payload)
        #expect(frames.last == small)
        #expect(decoder.bufferedBytes == 0)
    }
}

import FramedRPC
import Testing

/// How a byte stream is cut into the chunks handed to the decoder.
enum ChunkPattern: Sendable, CaseIterable, CustomTestStringConvertible {
    /// Everything in one `append`.
    case whole
    /// One byte per `append`.
    case byteByByte
    /// Chunks of 3 bytes: every header is split somewhere.
    case threes
    /// Chunks of 7 bytes.
    case sevens
    /// Split once in the middle of the first header (after 2 bytes), then the rest.
    case splitInFirstHeader

    var testDescription: String { "\(self)" }

    func chunks(_ bytes: [UInt8]) -> [[UInt8]] {
        func fixed(_ size: Int) -> [[UInt8]] {
            stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
        }
        switch self {
        case .whole: return [bytes]
        case .byteByByte: return fixed(1)
        case .threes: return fixed(3)
        case .sevens: return fixed(7)
        case .splitInFirstHeader: return [Array(bytes.prefix(2)), Array(bytes.dropFirst(2))]
        }
    }
}

@Suite("FrameDecoder")
struct FrameDecoderTests {
    static let payloads: [[UInt8]] = [
        Array(#"{"jsonrpc":"2.0","id":1,"method":"Health.Check"}"#.utf8),
        Array("1".utf8),
        Array(#"{"jsonrpc":"2.0","method":"$/item","params":{"id":1,"item":"é😀"}}"#.utf8),
        [UInt8](repeating: UInt8(ascii: "x"), count: 300),
        Array("[]".utf8),
    ]

    /// Feeds `chunks` one at a time, draining every complete frame after each.
    static func decodeAll(_ chunks: [[UInt8]], maxFrameBytes: Int = 4 << 20) throws -> [[UInt8]] {
        var decoder = FrameDecoder(maxFrameBytes: maxFrameBytes)
        var frames: [[UInt8]] = []
        for chunk in chunks {
            decoder.append(chunk)
            while let frame = try decoder.nextFrame() { frames.append(frame) }
        }
        #expect(decoder.bufferedBytes == 0)
        #expect(!decoder.hasPartialFrame)
        return frames
    }

    @Test("frames come out whole and in order however the stream is cut", arguments: ChunkPattern.allCases)
    func anyChunking(pattern: ChunkPattern) throws {
        let stream = Self.payloads.flatMap { Frame.encode($0) }
        let frames = try Self.decodeAll(pattern.chunks(stream))
        #expect(frames == Self.payloads)
    }

    @Test("several frames coalesced in one chunk all come out of one append")
    func coalesced() throws {
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        decoder.append(Self.payloads.flatMap { Frame.encode($0) })
        var frames: [[UInt8]] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }
        #expect(frames == Self.payloads)
        #expect(try decoder.nextFrame() == nil)
    }

    @Test("a chunk ending inside the next header keeps the partial header for later")
    func partialHeaderAfterFrame() throws {
        let first = Frame.encode(Array("{}".utf8))
        let second = Frame.encode(Array("[1]".utf8))
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        decoder.append(first + second.prefix(3))
        #expect(try decoder.nextFrame() == Array("{}".utf8))
        #expect(try decoder.nextFrame() == nil)
        #expect(decoder.bufferedBytes == 3)
        #expect(decoder.hasPartialFrame)
        decoder.append(second.dropFirst(3))
        #expect(try decoder.nextFrame() == Array("[1]".utf8))
        #expect(try decoder.nextFrame() == nil)
    }

    @Test("nothing is returned until the last payload byte arrives")
    func waitsForWholePayload() throws {
        let frame = Frame.encode(Self.payloads[0])
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        for byte in frame.dropLast() {
            decoder.append([byte])
            #expect(try decoder.nextFrame() == nil)
        }
        #expect(decoder.bufferedBytes == frame.count - 1)
        decoder.append([frame.last!])
        #expect(try decoder.nextFrame() == Self.payloads[0])
    }

    @Test("a zero length is rejected as soon as its header is in")
    func zeroLength() throws {
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        decoder.append([0, 0, 0])
        #expect(try decoder.nextFrame() == nil)
        decoder.append([0])
        let error = try #require(throws: FrameError.self) { try decoder.nextFrame() }
        #expect(error.kind == .zeroLength)
        #expect(error.declared == 0)
        #expect(error.description.contains("frame length 0 is invalid"))
    }

    @Test("a zero length after good frames fails only once those frames are out")
    func zeroLengthAfterFrames() throws {
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        decoder.append(Frame.encode(Array("1".utf8)) + [0, 0, 0, 0])
        #expect(try decoder.nextFrame() == Array("1".utf8))
        #expect(throws: FrameError(kind: .zeroLength, declared: 0, limit: 1024)) { try decoder.nextFrame() }
    }

    @Test(
        "an oversize length is rejected when its 4 header bytes arrive, with nothing else buffered",
        arguments: [
            (UInt32(1025), 1024),
            (UInt32.max, 1024),
            (UInt32(4_194_305), 4_194_304),
            (UInt32(0x7FFF_FFFF), 4_194_304),
        ] as [(UInt32, Int)]
    )
    func oversize(declared: UInt32, limit: Int) throws {
        var decoder = FrameDecoder(maxFrameBytes: limit)
        var header: [UInt8] = []
        Frame.appendHeader(declared, to: &header)
        for byte in header.dropLast() {
            decoder.append([byte])
            #expect(try decoder.nextFrame() == nil)
        }
        decoder.append([header.last!])
        let error = try #require(throws: FrameError.self) { try decoder.nextFrame() }
        #expect(error == FrameError(kind: .tooLarge, declared: declared, limit: limit))
        #expect(error.description == "frame of \(declared) bytes exceeds the limit of \(limit) bytes")
        #expect(decoder.bufferedBytes == 4)
    }

    @Test("the limit is inclusive: a frame of exactly maxFrameBytes is accepted, one more is not")
    func exactLimit() throws {
        let limit = 64 * 1024
        let payload = [UInt8](repeating: UInt8(ascii: "a"), count: limit)
        var decoder = FrameDecoder(maxFrameBytes: limit)
        decoder.append(Frame.encode(payload))
        #expect(try decoder.nextFrame() == payload)

        var over = FrameDecoder(maxFrameBytes: limit)
        over.append(Frame.encode(payload + [UInt8(ascii: "a")]).prefix(4))
        #expect(throws: FrameError(kind: .tooLarge, declared: UInt32(limit + 1), limit: limit)) { try over.nextFrame() }
    }

    @Test("the default 4 MiB limit accepts a 4 MiB frame fed in socket-sized chunks")
    func defaultLimitFrame() throws {
        let payload = [UInt8](repeating: UInt8(ascii: "z"), count: 4_194_304)
        let stream = Frame.encode(payload)
        var decoder = FrameDecoder(maxFrameBytes: 4_194_304)
        var frames: [[UInt8]] = []
        var offset = 0
        while offset < stream.count {
            let end = min(offset + 65_536, stream.count)
            stream.withUnsafeBytes { decoder.append(UnsafeRawBufferPointer(rebasing: $0[offset..<end])) }
            while let frame = try decoder.nextFrame() { frames.append(frame) }
            offset = end
        }
        #expect(frames.count == 1)
        #expect(frames.first == payload)
        #expect(decoder.bufferedBytes == 0)
    }

    @Test("2,000 frames straddling every chunk boundary all come out, leaving only a partial frame buffered")
    func compaction() throws {
        var decoder = FrameDecoder(maxFrameBytes: 1024)
        let frame = Frame.encode(Array(#"{"jsonrpc":"2.0","method":"$/ping"}"#.utf8))
        // Each append holds one and a half frames, so the buffer never empties on its own.
        let stream = (0..<2_000).flatMap { _ in frame }
        let chunkSize = frame.count + frame.count / 2
        var count = 0
        var offset = 0
        while offset < stream.count {
            let end = min(offset + chunkSize, stream.count)
            decoder.append(stream[offset..<end])
            while try decoder.nextFrame() != nil { count += 1 }
            #expect(decoder.bufferedBytes < frame.count)
            offset = end
        }
        #expect(count == 2_000)
    }

    @Test("Frame.encode writes a big-endian length prefix; patchHeader fixes one in place")
    func headers() {
        #expect(Frame.encode(Array("{}".utf8)) == [0, 0, 0, 2, 0x7B, 0x7D])
        var header: [UInt8] = []
        Frame.appendHeader(0x0102_0304, to: &header)
        #expect(header == [1, 2, 3, 4])
        var out: [UInt8] = [9, 0, 0, 0, 0]
        out.append(contentsOf: [UInt8](repeating: 1, count: 300))
        Frame.patchHeader(in: &out, at: 1)
        #expect(Array(out.prefix(5)) == [9, 0, 0, 0x01, 0x2C])
    }
}

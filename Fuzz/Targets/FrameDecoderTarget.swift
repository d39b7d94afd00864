// libFuzzer target: the frame decoder (WIRE.md §2.2-§2.3) on an arbitrary byte stream.
//
// The input is the byte stream a peer sends. It is fed to `FrameDecoder` three ways (all at
// once, one byte at a time, and in chunks whose sizes come from the input itself) and every
// way must give exactly what a plain reference reading of the stream gives: the same payloads
// in order, then the same framing error (or none) at the same point, never a buffer larger
// than one accepted frame. Any difference, or any trap, is a crash.
import FramedRPC

/// The limit used here: small, so that "too large" lengths are common in mutated inputs.
private let maxFrameBytes = 4096

private enum Outcome: Equatable {
    case frames([[UInt8]], FrameError?, leftover: Int)
}

/// The stream read the simple way: 4-byte big-endian length, then that many bytes.
private func reference(_ bytes: [UInt8]) -> Outcome {
    var frames: [[UInt8]] = []
    var index = 0
    while bytes.count - index >= 4 {
        let length = UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8
            | UInt32(bytes[index + 3])
        if length == 0 {
            return .frames(frames, FrameError(kind: .zeroLength, declared: 0, limit: maxFrameBytes), leftover: 0)
        }
        if Int(length) > maxFrameBytes {
            return .frames(frames, FrameError(kind: .tooLarge, declared: length, limit: maxFrameBytes), leftover: 0)
        }
        guard bytes.count - index - 4 >= Int(length) else { break }
        frames.append(Array(bytes[(index + 4)..<(index + 4 + Int(length))]))
        index += 4 + Int(length)
    }
    return .frames(frames, nil, leftover: bytes.count - index)
}

/// The stream through `FrameDecoder`, appended in chunks of the given sizes (cycled).
private func decoded(_ bytes: [UInt8], chunkSizes: [Int]) -> Outcome {
    var decoder = FrameDecoder(maxFrameBytes: maxFrameBytes)
    var frames: [[UInt8]] = []
    var offset = 0
    var turn = 0
    while offset < bytes.count {
        let size = min(max(1, chunkSizes[turn % chunkSizes.count]), bytes.count - offset)
        turn += 1
        if turn % 2 == 0 {
            decoder.append(bytes[offset..<(offset + size)])
        } else {
            bytes[offset..<(offset + size)].withUnsafeBytes { decoder.append($0) }
        }
        offset += size
        do {
            while let frame = try decoder.nextFrame() { frames.append(frame) }
        } catch {
            return .frames(frames, error, leftover: 0)
        }
        // Memory bound: once drained, what stays buffered is one unfinished frame, shorter
        // than a header plus the largest accepted payload.
        require(decoder.bufferedBytes < 4 + maxFrameBytes, "\(decoder.bufferedBytes) bytes buffered")
        require(decoder.hasPartialFrame == (decoder.bufferedBytes > 0), "hasPartialFrame disagrees with bufferedBytes")
    }
    return .frames(frames, nil, leftover: decoder.bufferedBytes)
}

/// Chunk sizes drawn from the input (a tiny xorshift seeded with its bytes).
private func chunkSizes(for bytes: [UInt8]) -> [Int] {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for byte in bytes.prefix(64) { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01B3 }
    var sizes: [Int] = []
    for _ in 0..<16 {
        seed ^= seed << 13
        seed ^= seed >> 7
        seed ^= seed << 17
        sizes.append(1 + Int(seed % 37))
    }
    return sizes
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrameDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let expected = reference(bytes)
    for sizes in [[max(1, bytes.count)], [1], chunkSizes(for: bytes)] {
        let actual = decoded(bytes, chunkSizes: sizes)
        if actual != expected {
            fatalError("FrameDecoder disagrees with the reference for chunk sizes \(sizes.prefix(4))...: \(actual) vs \(expected)")
        }
    }
    return 0
}

/// `precondition` that prints its message in optimized builds too (the fuzz targets are -O).
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

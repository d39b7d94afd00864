/// Cuts a byte stream into frames: 4-byte big-endian length N, then N bytes of payload.
///
/// A pure, single-step decoder: `append` whatever bytes arrived (any split, any number of
/// frames), then call `nextFrame()` until it returns `nil` (more bytes needed). A length of 0 or
/// above `maxFrameBytes` throws as soon as the 4 prefix bytes are in, before any payload is
/// buffered, so a hostile length never causes an allocation of that size. An accepted length
/// reserves nothing either: the buffer holds (at most about twice) the bytes received, so a
/// peer that declares a large frame and then stalls costs only what it actually sent.
///
/// ```swift
/// var decoder = FrameDecoder(maxFrameBytes: 4 << 20)
/// decoder.append(chunk)
/// while let payload = try decoder.nextFrame() { handle(payload) }
/// ```
public struct FrameDecoder: Sendable {
    /// The largest payload accepted, in bytes.
    public let maxFrameBytes: Int
    private var buffer: [UInt8] = []
    private var readIndex = 0

    /// Creates a decoder accepting payloads of up to `maxFrameBytes` bytes.
    public init(maxFrameBytes: Int) {
        self.maxFrameBytes = maxFrameBytes
    }

    /// Bytes received and not yet returned as frames.
    public var bufferedBytes: Int { buffer.count - readIndex }

    /// Bytes of memory the buffer holds (its capacity): what this decoder costs now. Grows
    /// with the bytes received, never with a declared length.
    public var reservedBytes: Int { buffer.capacity }

    /// True when some bytes of an unfinished frame are buffered (for slow-frame timeouts).
    public var hasPartialFrame: Bool { bufferedBytes > 0 }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        compactIfUseful()
        buffer.append(contentsOf: bytes)
    }

    /// Adds received bytes from raw memory (the transport's read buffer).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfUseful()
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame's payload, or `nil` when more bytes are needed.
    /// - Throws: `FrameError` for a zero or oversize length; the decoder is then unusable.
    public mutating func nextFrame() throws(FrameError) -> [UInt8]? {
        let available = buffer.count - readIndex
        guard available >= 4 else { return nil }
        let length = buffer.withUnsafeBufferPointer { b in
            UInt32(b[readIndex]) << 24 | UInt32(b[readIndex + 1]) << 16 | UInt32(b[readIndex + 2]) << 8
                | UInt32(b[readIndex + 3])
        }
        if length == 0 { throw FrameError(kind: .zeroLength, declared: 0, limit: maxFrameBytes) }
        if Int(length) > maxFrameBytes {
            throw FrameError(kind: .tooLarge, declared: length, limit: maxFrameBytes)
        }
        // An accepted length reserves nothing: the buffer grows with the bytes that actually
        // arrive, so a peer that declares 4 MiB and stalls holds only what it sent.
        guard available - 4 >= Int(length) else { return nil }
        let start = readIndex + 4
        let payload = Array(buffer[start..<(start + Int(length))])
        readIndex = start + Int(length)
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            readIndex = 0
        }
        return payload
    }

    private mutating func compactIfUseful() {
        if readIndex > 0 && (readIndex >= 64 * 1024 || readIndex * 2 >= buffer.count) { compact() }
    }

    private mutating func compact() {
        guard readIndex > 0 else { return }
        buffer.removeSubrange(0..<readIndex)
        readIndex = 0
    }
}

/// Building frames: a 4-byte big-endian length followed by the payload.
public enum Frame {
    /// The length prefix size in bytes.
    public static let headerSize = 4

    /// `payload` with its length prefix.
    public static func encode(_ payload: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + headerSize)
        appendHeader(UInt32(payload.count), to: &out)
        out.append(contentsOf: payload)
        return out
    }

    /// Appends a big-endian length prefix.
    public static func appendHeader(_ length: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: length >> 24))
        out.append(UInt8(truncatingIfNeeded: length >> 16))
        out.append(UInt8(truncatingIfNeeded: length >> 8))
        out.append(UInt8(truncatingIfNeeded: length))
    }

    /// Writes the length of everything after `headerOffset + 4` into the 4 bytes reserved at
    /// `headerOffset`: lets an encoder write the payload in place, then patch the prefix.
    public static func patchHeader(in out: inout [UInt8], at headerOffset: Int) {
        let length = UInt32(out.count - headerOffset - headerSize)
        out[headerOffset] = UInt8(truncatingIfNeeded: length >> 24)
        out[headerOffset + 1] = UInt8(truncatingIfNeeded: length >> 16)
        out[headerOffset + 2] = UInt8(truncatingIfNeeded: length >> 8)
        out[headerOffset + 3] = UInt8(truncatingIfNeeded: length)
    }
}

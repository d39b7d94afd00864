/// Why a byte stream could not be cut into frames. After one of these the connection cannot be
/// resynchronised and is closed.
public struct FrameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of framing failure.
    public enum Kind: Sendable, Hashable {
        /// A length prefix of 0 (WIRE.md: invalid).
        case zeroLength
        /// A length prefix above the limit; `declared` and `limit` say by how much.
        case tooLarge
    }

    /// The kind of failure.
    public var kind: Kind
    /// The length the prefix declared.
    public var declared: UInt32
    /// The configured maximum frame size in bytes.
    public var limit: Int

    /// Creates an error.
    public init(kind: Kind, declared: UInt32, limit: Int) {
        self.kind = kind
        self.declared = declared
        self.limit = limit
    }

    /// A message naming the limit and the actual size.
    public var description: String {
        switch kind {
        case .zeroLength: return "frame length 0 is invalid (a frame carries at least 1 byte of JSON)"
        case .tooLarge: return "frame of \(declared) bytes exceeds the limit of \(limit) bytes"
        }
    }
}

/// The per-connection limits a transport applies, in the units the loop uses.
struct TCPConnectionLimits: Sendable {
    /// Largest frame payload accepted (bytes).
    var maxFrameBytes: Int
    /// No bytes either way for this long (and the inbound side idle) closes; nil = never.
    var idleTimeoutNanos: UInt64?
    /// A started frame must be complete within this; nil = no limit.
    var frameTimeoutNanos: UInt64?
    /// `waitUntilWritable` resumes below this many queued bytes.
    var lowWater: Int
    /// Above this many queued bytes, producers should pause (reported, not enforced).
    var highWater: Int
    /// More queued bytes than this closes the connection: the peer is not reading.
    var maxBufferedOutboundBytes: Int
    /// Bytes waiting for a peer that reads none of them for this long close the connection
    /// at once, without a flush (WIRE.md §10.4); nil = never.
    var writeStallNanos: UInt64? = nil
    /// After a graceful close, how long unread input is drained before the socket is closed.
    var lingerNanos: UInt64 = 2_000_000_000
    /// A closing connection whose queued bytes make no progress for this long is dropped.
    var closeFlushNanos: UInt64 = 30_000_000_000
}

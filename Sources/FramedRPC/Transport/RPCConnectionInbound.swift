/// The receiving side of one connection: what a transport calls as bytes arrive.
///
/// A transport frames the byte stream with `FrameDecoder` and delivers each complete frame's
/// payload in order. Calls for one connection never overlap (the transport serializes them),
/// but they may come from any thread.
///
/// ```swift
/// var decoder = FrameDecoder(maxFrameBytes: limits.maxFrameBytes)
/// decoder.append(bytesFromSocket)
/// do {
///     while let payload = try decoder.nextFrame() { inbound.receive(frame: payload) }
/// } catch {
///     inbound.receive(frameError: error)   // answers, then closes the connection
/// }
/// ```
public protocol RPCConnectionInbound: AnyObject, Sendable {
    /// One complete frame's payload (the bytes after the 4-byte length).
    func receive(frame payload: [UInt8])

    /// The byte stream cannot be framed (zero or oversize length). The inbound side answers
    /// as WIRE.md says and closes; no more frames follow.
    func receive(frameError: FrameError)

    /// True when no call is in flight on this connection. The transport's idle timer closes a
    /// connection only when it has seen no bytes for the idle timeout and this is true.
    var isIdle: Bool { get }

    /// The connection is gone (peer hang-up, I/O error, idle or slow-frame timeout). `reason`
    /// is a plain-words description for logs and for UNAVAILABLE messages.
    func connectionClosed(reason: String)
}

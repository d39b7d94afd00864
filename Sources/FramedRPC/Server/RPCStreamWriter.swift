public import FramedJSON

/// Sends the items of one server-streaming call as `$/item` notifications, under flow
/// control: each `send` waits for stream credit (`meta.streamWindow`, then `$/credit`
/// grants) and for the connection's outbound buffer to drop below its high-water mark, so a
/// client that stops reading grows neither server memory nor other calls' latency.
///
/// ```swift
/// router.registerServerStreaming(RPCMethodDescriptor(name: "Feed.Watch")) { request, context, writer in
///     for event in events { try await writer.send(event) }
///     return RPCEmptyResult()
/// }
/// ```
public struct RPCStreamWriter: Sendable {
    let stream: RPCServerStream
    let outbound: any RPCConnectionOutbound
    let highWaterBytes: Int
    let maxFrameBytes: Int
    let observation: RPCCallObservation?

    init(
        stream: RPCServerStream, outbound: any RPCConnectionOutbound, highWaterBytes: Int, maxFrameBytes: Int,
        observation: RPCCallObservation? = nil
    ) {
        self.stream = stream
        self.outbound = outbound
        self.highWaterBytes = highWaterBytes
        self.maxFrameBytes = maxFrameBytes
        self.observation = observation
    }

    /// The id of the call the items belong to.
    public var callID: RPCID { stream.id }

    /// Sends one item, in order.
    /// - Throws: `RPCError` CANCELLED when the call has ended (cancelled, deadline passed,
    ///   connection closed) or the task was cancelled; UNAVAILABLE when the connection closed
    ///   while waiting for the buffer to drain; RESOURCE_EXHAUSTED when the item's frame would
    ///   pass `maxFrameBytes` (it is not sent).
    public func send(_ item: some JSONEncodable & Sendable) async throws {
        guard await stream.acquireCredit() else {
            throw RPCError(code: .cancelled, message: "the stream has ended")
        }
        if outbound.bufferedBytes >= highWaterBytes {
            guard await outbound.waitUntilWritable() else {
                throw RPCError(code: .unavailable, message: "connection closed while the stream was paused")
            }
        }
        let frame = RPCEnvelopeEncoder.itemFrame(id: stream.id, item: item)
        let size = frame.count - Frame.headerSize
        if size > maxFrameBytes {
            throw RPCError.limitExceeded("item of \(size) bytes exceeds the limit of \(maxFrameBytes) bytes")
        }
        guard stream.writeItem(frame, to: outbound) else {
            throw RPCError(code: .cancelled, message: "the stream has ended")
        }
        observation?.itemSent(bytes: frame.count)
    }
}

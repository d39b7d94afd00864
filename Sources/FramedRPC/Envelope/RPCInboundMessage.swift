import FramedJSON

/// One decoded request-side message (WIRE.md "Request", "Cancel", "Server streaming", "$/ping").
enum RPCInboundMessage: Sendable {
    /// A call of a method: a request when `id` is set, a notification when it is `nil`.
    case call(RPCIncomingCall)
    /// A malformed message. `id` is what the answer echoes; `nil` means a notification, which
    /// gets no answer.
    case invalid(id: RPCID?, error: RPCError)
    /// `$/cancel`: end call `id` with CANCELLED. `answerID` is set when it came as a request.
    case cancel(RPCID, answerID: RPCID?)
    /// `$/credit`: grant `items` more stream items to call `id`. `answerID` is set when it came
    /// as a request.
    case credit(RPCID, items: Int, answerID: RPCID?)
    /// `$/ping`: answered with `{}` when it carries an id.
    case ping(RPCID?)
    /// Another `$/` notification: ignored.
    case ignored
}

/// A decoded call of a method, before routing.
struct RPCIncomingCall: Sendable {
    /// The request id, or `nil` for a notification.
    var id: RPCID?
    /// The method name.
    var method: String
    /// The params object (`{}` when omitted), as a tree or as validated raw bytes.
    var params: RPCIncomingParams
    /// The parsed `meta` member.
    var metadata: RPCMetadata
}

/// One decoded frame.
enum RPCInboundFrame: Sendable {
    /// A single message.
    case single(RPCInboundMessage)
    /// A batch of 1...maxBatch messages.
    case batch([RPCInboundMessage])
    /// A frame answered by one error object with id null: parse error, empty batch, batch over
    /// the limit.
    case failure(RPCError)
}

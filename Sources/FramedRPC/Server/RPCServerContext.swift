/// Everything about a call that is not its params: what method it is, its metadata and
/// deadline, who is on the other end, and values attached by interceptors.
public struct RPCServerContext: Sendable {
    /// The method being called.
    public var descriptor: RPCMethodDescriptor
    /// The call's metadata.
    public var metadata: RPCMetadata
    /// When the call's deadline passes (from `meta.timeoutMs`), or `nil` for none.
    public var deadline: ContinuousClock.Instant?
    /// The peer's address as the transport names it ("127.0.0.1:53122", "in-process:3").
    public var peer: String
    /// Values interceptors attach (e.g. the authenticated principal).
    public var values: RPCContextValues

    /// Creates a context (the runtime does this; tests may too).
    public init(
        descriptor: RPCMethodDescriptor, metadata: RPCMetadata = RPCMetadata(),
        deadline: ContinuousClock.Instant? = nil, peer: String = "", values: RPCContextValues = RPCContextValues()
    ) {
        self.descriptor = descriptor
        self.metadata = metadata
        self.deadline = deadline
        self.peer = peer
        self.values = values
    }

    /// The stream writer of a server-streaming call (set by the runtime).
    var streamWriter: RPCStreamWriter? = nil

    /// The call as its observer follows it (set by the runtime when the server has one).
    var observation: RPCCallObservation? = nil

    /// The time left before the deadline, or `nil` when the call has none.
    public var timeRemaining: Duration? {
        deadline.map { ContinuousClock.now.duration(to: $0) }
    }
}

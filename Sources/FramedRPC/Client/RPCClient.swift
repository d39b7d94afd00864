public import FramedJSON
import Synchronization

/// A client multiplexing every call over one connection to a server.
///
/// It connects lazily on the first call (or on `connect()`), reconnects with exponential
/// backoff and jitter when the connection is lost, and moves to a new connection after
/// `$/goaway`. Given several endpoints (replicas) it picks the first healthy one in list
/// order: every call goes to that one connection until it is lost or the server says
/// `$/goaway`; the client then skips that endpoint for `endpointCooldown` and connects to the
/// next healthy one (pick-first, not round robin; a failed connect cools an endpoint down too). With `keepaliveInterval` set it pings a quiet connection and closes it when
/// the ping goes unanswered for `keepaliveTimeout`. At most `maxWaitingCalls` calls wait for
/// a connection. The client never re-sends a call that may have reached the server; safe
/// retries (idempotent methods, idempotency keys) are the caller's rule (PartnerAPI's
/// `PartnerCaller`). Task cancellation of a
/// call sends `$/cancel` and throws CANCELLED; a passed deadline sends `$/cancel` and throws
/// DEADLINE_EXCEEDED; a lost connection fails pending calls with UNAVAILABLE.
///
/// ```swift
/// let client = RPCClient(transport: TCPClientTransport(host: "127.0.0.1", port: 7420),
///                        config: RPCClientConfig(authorization: "Bearer \(token)"))
/// let health = try await client.unary("Health.Check", params: RPCEmptyResult())
/// for try await item in client.serverStream("Conformance.Stream", params: ["count": 3] as JSONValue) { print(item) }
/// await client.close()
/// ```
public final class RPCClient: Sendable {
    /// How it connects.
    public let config: RPCClientConfig
    /// The endpoints, in order of preference.
    let transports: [any RPCClientTransport]
    let nextID = Atomic<Int64>(0)

    struct State {
        var current: RPCClientConnection?
        var connecting: Task<RPCClientConnection, any Error>?
        var closed = false
        /// Calls waiting for `connecting`.
        var waiting = 0
        /// Per endpoint: skipped until this instant (lost, refused, or said `$/goaway`).
        var downUntil: [ContinuousClock.Instant?]
    }
    let state: Mutex<State>

    /// Creates a client of one server; nothing connects until the first call.
    public convenience init(transport: any RPCClientTransport, config: RPCClientConfig = RPCClientConfig()) {
        self.init(transports: [transport], config: config)
    }

    /// Creates a client of several replicas of one service, in order of preference
    /// (pick-first, see the type's description); nothing connects until the first call.
    /// `transports` must not be empty.
    public init(transports: [any RPCClientTransport], config: RPCClientConfig = RPCClientConfig()) {
        precondition(!transports.isEmpty, "RPCClient needs at least one endpoint")
        self.transports = transports
        self.config = config
        self.state = Mutex(State(downUntil: Array(repeating: nil, count: transports.count)))
    }

    /// Connects now instead of on the first call.
    /// - Throws: UNAVAILABLE when no endpoint can be reached after `connectAttempts`.
    public func connect() async throws(RPCError) {
        _ = try await connection()
    }

    /// Calls (and keepalive pings) waiting for an answer on the connection in use.
    public var callsInFlight: Int {
        state.withLock { $0.current }?.pendingCount ?? 0
    }

    /// The index (into the endpoints given at creation) of the connection in use, if any.
    public var connectedEndpoint: Int? {
        state.withLock { s in s.current.flatMap { $0.isUsable ? $0.endpoint : nil } }
    }

    /// Calls a unary method.
    /// - Returns: the response's `result`.
    /// - Throws: the server's error as `RPCError`; locally UNAVAILABLE (cannot connect,
    ///   connection lost), CANCELLED (task cancelled), DEADLINE_EXCEEDED (deadline passed),
    ///   RESOURCE_EXHAUSTED (request above `maxFrameBytes`).
    public func unary(
        _ method: String, params: some JSONEncodable & Sendable, options: RPCCallOptions = RPCCallOptions()
    ) async throws(RPCError) -> JSONValue {
        let interceptors = config.interceptors
        if interceptors.isEmpty { return try await send(method, params: params, options: options) }
        func step(_ index: Int, _ call: RPCClientCall) async throws(RPCError) -> JSONValue {
            if index == interceptors.count { return try await send(call.method, params: params, options: call.options) }
            return try await interceptors[index].intercept(call) { (next) async throws(RPCError) -> JSONValue in
                try await step(index + 1, next)
            }
        }
        return try await step(0, RPCClientCall(method: method, options: options))
    }

    private func send(
        _ method: String, params: some JSONEncodable & Sendable, options: RPCCallOptions
    ) async throws(RPCError) -> JSONValue {
        let deadline = effectiveDeadline(options)
        let result = try await register(method, params: params, options: options, deadline: deadline) {
            connection, id, frame in
            var failure: RPCClientConnection.RegisterFailure?
            let result = await withTaskCancellationHandler {
                await withCheckedContinuation {
                    (continuation: CheckedContinuation<Result<JSONValue, RPCError>, Never>) in
                    do throws(RPCClientConnection.RegisterFailure) {
                        try connection.start(id: id, frame: frame, waiter: .unary(continuation), deadline: deadline)
                    } catch {
                        failure = error
                        continuation.resume(returning: .failure(Self.cancelledError))
                    }
                }
            } onCancel: {
                connection.fail(id: id, error: Self.cancelledError, sendCancel: true)
            }
            return failure.map { .failure($0) } ?? .success(result)
        }
        return try result.get()
    }

    /// Sends a call's frame on a live connection, on a fresh one when the one found closes
    /// before taking it (three tries): `attempt` registers the call under `id` and says whether
    /// the connection took it. A call is never sent twice, since a connection that took it is
    /// the one that answers.
    private func register<T>(
        _ method: String, params: some JSONEncodable & Sendable, options: RPCCallOptions,
        deadline: ContinuousClock.Instant?,
        _ attempt: (RPCClientConnection, Int64, [UInt8]) async -> Result<T, RPCClientConnection.RegisterFailure>
    ) async throws(RPCError) -> T {
        for _ in 0..<3 {
            if Task.isCancelled { throw Self.cancelledError }
            let connection = try await self.connection()
            let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
            let frame = try makeFrame(id: id, method: method, params: params, options: options, deadline: deadline)
            switch await attempt(connection, id, frame) {
            case .success(let taken): return taken
            case .failure(.cancelled): throw Self.cancelledError
            case .failure(.closed), .failure(.goaway): dropped(connection)
            }
        }
        throw RPCError(code: .unavailable, message: "connection lost before the call was sent")
    }

    /// Starts a server-streaming call. Nothing is sent until the stream is first iterated
    /// (or its `result()` asked for).
    public func serverStream(
        _ method: String, params: some JSONEncodable & Sendable, options: RPCCallOptions = RPCCallOptions()
    ) -> RPCResponseStream {
        let deadline = effectiveDeadline(options)
        let window = options.streamWindow ?? 16
        let call = RPCResponseStream.Call(window: window) {
            [self] stream async throws(RPCError) -> (RPCClientConnection, Int64) in
            try await register(method, params: params, options: options, deadline: deadline) { connection, id, frame in
                do throws(RPCClientConnection.RegisterFailure) {
                    try connection.start(id: id, frame: frame, waiter: .stream(stream), deadline: deadline)
                    return .success((connection, id))
                } catch {
                    return .failure(error)
                }
            }
        }
        return RPCResponseStream(call: call)
    }

    /// Closes the connection; pending calls fail with UNAVAILABLE and later calls throw
    /// UNAVAILABLE.
    public func close() async {
        let (current, connecting) = state.withLock { s in
            s.closed = true
            defer {
                s.current = nil
                s.connecting = nil
            }
            return (s.current, s.connecting)
        }
        connecting?.cancel()
        current?.shutdown(error: RPCError(code: .unavailable, message: "the client was closed"))
        if let connecting, let late = try? await connecting.value {
            late.shutdown(error: RPCError(code: .unavailable, message: "the client was closed"))
        }
    }

    static let cancelledError = RPCError(code: .cancelled, message: "the call was cancelled by the caller")

    // MARK: Metadata and deadlines

    private func effectiveDeadline(_ options: RPCCallOptions) -> ContinuousClock.Instant? {
        let own = options.timeout.map { ContinuousClock.now + $0 }
        switch (own, RPCCallContext.deadline) {
        case (let a?, let b?): return min(a, b)
        case (let a?, nil): return a
        case (nil, let b?): return b
        case (nil, nil): return nil
        }
    }

    private func makeFrame(
        id: Int64, method: String, params: some JSONEncodable, options: RPCCallOptions,
        deadline: ContinuousClock.Instant?
    ) throws(RPCError) -> [UInt8] {
        var metadata = RPCMetadata(
            authorization: options.authorization ?? config.authorization, idempotencyKey: options.idempotencyKey,
            traceparent: options.traceparent, streamWindow: options.streamWindow, custom: options.custom)
        if let deadline {
            let left = ContinuousClock.now.duration(to: deadline).components
            // Whole milliseconds left, rounded down; none left fails here, unsent (WIRE.md §8).
            let ms = left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000
            guard ms > 0 else {
                throw RPCError(code: .deadlineExceeded, message: "deadline exceeded before the call was sent")
            }
            metadata.timeoutMs = min(ms, 2_147_483_647)
        }
        let frame = RPCEnvelopeEncoder.requestFrame(id: .int(id), method: method, params: params, metadata: metadata)
        if frame.count - Frame.headerSize > config.maxFrameBytes {
            throw RPCError(
                code: .resourceExhausted,
                message:
                    "request of \(frame.count - Frame.headerSize) bytes exceeds the limit of \(config.maxFrameBytes) bytes"
            )
        }
        return frame
    }
}

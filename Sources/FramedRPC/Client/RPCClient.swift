import FramedJSON
import Synchronization

/// A client multiplexing every call over one connection to a server.
///
/// It connects lazily on the first call, reconnects with exponential backoff when the
/// connection is lost, and moves to a new connection after `$/goaway`. Task cancellation of a
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
    let transport: any RPCClientTransport
    private let nextID = Atomic<Int64>(0)

    struct State {
        var current: RPCClientConnection?
        var connecting: Task<RPCClientConnection, any Error>?
        var closed = false
    }
    let state = Mutex(State())

    /// Creates a client; nothing connects until the first call.
    public init(transport: any RPCClientTransport, config: RPCClientConfig = RPCClientConfig()) {
        self.transport = transport
        self.config = config
    }

    /// Calls a unary method.
    /// - Returns: the response's `result`.
    /// - Throws: the server's error as `RPCError`; locally UNAVAILABLE (cannot connect,
    ///   connection lost), CANCELLED (task cancelled), DEADLINE_EXCEEDED (deadline passed),
    ///   RESOURCE_EXHAUSTED (request above `maxFrameBytes`).
    public func unary(
        _ method: String, params: some JSONEncodable & Sendable, options: RPCCallOptions = RPCCallOptions()
    ) async throws(RPCError) -> JSONValue {
        let deadline = effectiveDeadline(options)
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw Self.cancelledError }
            let connection = try await self.connection()
            let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
            let frame = try makeFrame(id: id, method: method, params: params, options: options, deadline: deadline)
            var failure: RPCClientConnection.RegisterFailure?
            let result = await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Result<JSONValue, RPCError>, Never>) in
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
            switch failure {
            case nil: return try result.get()
            case .cancelled?: throw Self.cancelledError
            case .closed?, .goaway?:
                dropped(connection)
                if attempt >= 3 { throw RPCError(code: .unavailable, message: "connection lost before the call was sent") }
            }
        }
    }

    /// Starts a server-streaming call. Nothing is sent until the stream is first iterated
    /// (or its `result()` asked for).
    public func serverStream(
        _ method: String, params: some JSONEncodable & Sendable, options: RPCCallOptions = RPCCallOptions()
    ) -> RPCResponseStream {
        let deadline = effectiveDeadline(options)
        let window = options.streamWindow ?? 16
        let call = RPCResponseStream.Call(window: window) { [self] stream async throws(RPCError) -> (RPCClientConnection, Int64) in
            var attempt = 0
            while true {
                attempt += 1
                if Task.isCancelled { throw Self.cancelledError }
                let connection = try await self.connection()
                let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
                let frame = try makeFrame(id: id, method: method, params: params, options: options, deadline: deadline)
                do throws(RPCClientConnection.RegisterFailure) {
                    try connection.start(id: id, frame: frame, waiter: .stream(stream), deadline: deadline)
                    return (connection, id)
                } catch {
                    if error == .cancelled { throw Self.cancelledError }
                    if attempt > 2 { throw RPCError(code: .unavailable, message: "connection lost") }
                    dropped(connection)
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
            defer { s.current = nil; s.connecting = nil }
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
        id: Int64, method: String, params: some JSONEncodable, options: RPCCallOptions, deadline: ContinuousClock.Instant?
    ) throws(RPCError) -> [UInt8] {
        var metadata = RPCMetadata(
            authorization: options.authorization ?? config.authorization, idempotencyKey: options.idempotencyKey,
            traceparent: options.traceparent, streamWindow: options.streamWindow, custom: options.custom)
        if let deadline {
            let left = ContinuousClock.now.duration(to: deadline).components
            // Whole milliseconds left, rounded down; none left fails here, unsent (WIRE.md §8).
            let ms = left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000
            guard ms > 0 else { throw RPCError(code: .deadlineExceeded, message: "deadline exceeded before the call was sent") }
            metadata.timeoutMs = min(ms, 2_147_483_647)
        }
        let frame = RPCEnvelopeEncoder.requestFrame(id: .int(id), method: method, params: params, metadata: metadata)
        if frame.count - Frame.headerSize > config.maxFrameBytes {
            throw RPCError(
                code: .resourceExhausted,
                message: "request of \(frame.count - Frame.headerSize) bytes exceeds the limit of \(config.maxFrameBytes) bytes")
        }
        return frame
    }
}

public import FramedJSON
public import FramedRPC

/// What every typed client shares: the runtime client, result decoding, and the retry rule.
///
/// Retry: a call that fails with UNAVAILABLE is sent again with exponential backoff only when
/// it is safe — the method is marked `x-idempotent` in the schema, or the call carries an
/// idempotency key (the server then answers a replay with the first answer). Never past the
/// call's deadline, never after cancellation.
public struct PartnerCaller: Sendable {
    /// The runtime client all calls go through.
    public let rpc: RPCClient
    /// The retry rule.
    public let retry: RetryPolicy

    /// Exponential backoff for safe retries on UNAVAILABLE.
    public struct RetryPolicy: Sendable {
        /// Attempts in all, the first included; 1 disables retries.
        public var maxAttempts: Int
        /// The first pause.
        public var initialBackoff: Duration
        /// The longest pause.
        public var maxBackoff: Duration

        /// Creates a policy (defaults: 4 attempts, 50 ms doubling to 1 s).
        public init(
            maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(50), maxBackoff: Duration = .seconds(1)
        ) {
            self.maxAttempts = maxAttempts
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
        }
    }

    /// Creates a caller over `rpc`.
    public init(rpc: RPCClient, retry: RetryPolicy = RetryPolicy()) {
        self.rpc = rpc
        self.retry = retry
    }

    /// Calls a unary method of the schema and decodes its result.
    /// - Throws: the server's `RPCError` (with the status the schema documents for the method);
    ///   INTERNAL when the result does not decode as the method's response.
    public func unary<Request, Response>(
        _ method: PartnerMethod<Request, Response>, _ request: Request, options: RPCCallOptions
    ) async throws(RPCError) -> Response {
        try await unary(method.name, request, options: options)
    }

    /// Calls a unary method by name and decodes its result as `Response`.
    /// - Throws: the server's `RPCError`; INTERNAL when the result does not decode as `Response`.
    public func unary<Request: JSONEncodable & Sendable, Response: JSONDecodable>(
        _ method: String, _ request: Request, options: RPCCallOptions
    ) async throws(RPCError) -> Response {
        let safe = PartnerSchema.methodsByName[method]?.isIdempotent == true || options.idempotencyKey != nil
        let started = ContinuousClock.now
        var backoff = retry.initialBackoff
        var attempt = 1
        while true {
            do {
                let value = try await rpc.unary(method, params: request, options: options)
                return try Self.decode(Response.self, value, method: method)
            } catch  where error.code == .unavailable && safe && attempt < retry.maxAttempts && !Task.isCancelled {
                if let timeout = options.timeout, started.duration(to: .now) + backoff >= timeout { throw error }
                do { try await Task.sleep(for: backoff) } catch {
                    throw RPCError(code: .cancelled, message: "the call was cancelled")
                }
                backoff = min(backoff * 2, retry.maxBackoff)
                attempt += 1
            }
        }
    }

    /// Opens a server stream of the schema: typed items, then the typed closing result.
    public func serverStream<Request, Item, Result>(
        _ method: PartnerStreamingMethod<Request, Item, Result>, _ request: Request, options: RPCCallOptions
    ) -> PartnerStream<Item, Result> {
        PartnerStream(raw: rpc.serverStream(method.name, params: request, options: options), method: method.name)
    }

    static func decode<T: JSONDecodable>(_ type: T.Type, _ value: JSONValue, method: String) throws(RPCError) -> T {
        do {
            return try T(json: value, path: "")
        } catch {
            throw RPCError(
                code: .internalError, message: "the result of \(method) does not match the schema: \(error)",
                cause: error)
        }
    }
}

/// A typed server stream: iterate the items (credit is granted as you pull), then ask for the
/// closing result.
///
/// ```swift
/// let events = client.events.watch(.init(afterSequence: 0))
/// for try await event in events { print(event.type) }
/// let summary = try await events.result()
/// ```
public struct PartnerStream<Item: JSONDecodable, Result: JSONDecodable>: AsyncSequence, Sendable {
    /// Items are typed messages.
    public typealias Element = Item
    /// Failures are RPC statuses.
    public typealias Failure = RPCError

    let raw: RPCResponseStream
    let method: String

    /// The items in order.
    public func makeAsyncIterator() -> Iterator { Iterator(raw: raw.makeAsyncIterator(), method: method) }

    /// The call's closing result, after the items (waits for the end of the stream).
    /// - Throws: the status that ended the stream.
    public func result() async throws(RPCError) -> Result {
        try PartnerCaller.decode(Result.self, try await raw.result(), method: method)
    }

    /// Pulls items one at a time.
    public struct Iterator: AsyncIteratorProtocol {
        var raw: RPCResponseStream.Iterator
        let method: String

        /// The next item, or `nil` when the stream ended well.
        /// - Throws: the status that ended the stream, or INTERNAL for an item off the schema.
        public mutating func next() async throws(RPCError) -> Item? {
            guard let value = try await raw.next() else { return nil }
            return try PartnerCaller.decode(Item.self, value, method: method)
        }
    }
}

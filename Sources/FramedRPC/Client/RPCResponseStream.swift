public import FramedJSON
import Synchronization

/// The items of a server-streaming call, in order, then its final result.
///
/// Iterating sends the request (once), yields each `$/item`, and grants `$/credit` as items
/// are consumed, so the server never sends more than the window ahead of the consumer. The
/// iteration ends (`nil`) when the call succeeds; it throws the call's `RPCError` when it
/// fails. Cancelling the consuming task sends `$/cancel` and throws CANCELLED.
///
/// ```swift
/// let stream = client.serverStream("Conformance.Stream", params: ["count": 100] as JSONValue)
/// for try await item in stream { print(item["index"]!) }
/// let summary = try await stream.result()   // {"count":100}
/// ```
public struct RPCResponseStream: AsyncSequence, Sendable {
    /// Each item is a `$/item`'s `item` value.
    public typealias Element = JSONValue
    /// Calls fail with `RPCError`.
    public typealias Failure = RPCError

    typealias Starter = @Sendable (RPCClientStream) async throws(RPCError) -> (RPCClientConnection, Int64)

    final class Call: Sendable {
        let stream: RPCClientStream
        private let starter: Starter
        private let started = Mutex<(begun: Bool, connection: RPCClientConnection?, id: Int64)>((false, nil, 0))

        init(window: Int, starter: @escaping Starter) {
            self.stream = RPCClientStream(window: window)
            self.starter = starter
        }

        /// Sends the request the first time; later calls return what the first one started.
        func ensureStarted() async -> (RPCClientConnection, Int64)? {
            let first = started.withLock { s -> Bool in
                if s.begun { return false }
                s.begun = true
                return true
            }
            if first {
                do {
                    let (connection, id) = try await starter(stream)
                    started.withLock {
                        $0.connection = connection
                        $0.id = id
                    }
                    return (connection, id)
                } catch {
                    stream.finish(.failure(error))
                    return nil
                }
            }
            return started.withLock { s in s.connection.map { ($0, s.id) } }
        }
    }

    let call: Call

    /// Iterates the items.
    public func makeAsyncIterator() -> Iterator { Iterator(call: call) }

    /// Waits for the end of the call and returns its result, discarding (and granting credit
    /// for) items not consumed.
    /// - Throws: the call's `RPCError`.
    public func result() async throws(RPCError) -> JSONValue {
        var iterator = makeAsyncIterator()
        while try await iterator.next() != nil {}
        guard case .end(let final) = await call.stream.next() else {
            throw RPCError(code: .internalError, message: "stream still open after its end")
        }
        return try final.get()
    }

    /// Pulls items one at a time.
    public struct Iterator: AsyncIteratorProtocol {
        let call: Call

        /// The next item, `nil` after a successful end.
        /// - Throws: the call's `RPCError` (CANCELLED when the consuming task is cancelled,
        ///   DEADLINE_EXCEEDED, UNAVAILABLE when the connection was lost, or the server's error).
        public mutating func next() async throws(RPCError) -> JSONValue? {
            let started = await call.ensureStarted()
            let next: RPCClientStream.Next
            if let (connection, id) = started {
                next = await withTaskCancellationHandler {
                    await call.stream.next()
                } onCancel: {
                    connection.fail(id: id, error: RPCClient.cancelledError, sendCancel: true)
                }
                if case .item(let item, let grant) = next {
                    if grant > 0 { connection.grant(id: id, items: grant) }
                    return item
                }
            } else {
                next = await call.stream.next()
            }
            switch next {
            case .item(let item, _): return item
            case .end(.success): return nil
            case .end(.failure(let error)): throw error
            }
        }
    }
}

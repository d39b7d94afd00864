public import FramedJSON
public import FramedRPC

/// The change feed for integrations.
///
/// Mirrors the `Events.*` methods of `Protocol/partner.openrpc.json`.
public enum Events {
    /// Params of Events.Watch.
    public struct WatchRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Start after this sequence; absent for all.
        public var afterSequence: Int64?

        /// Creates the message.
        public init(afterSequence: Int64? = nil) {
            self.afterSequence = afterSequence
        }
    }

    /// Result of Events.Watch when the stream ends.
    public struct WatchResult: Codable, Sendable, Hashable, JSONCodable {
        /// Items sent.
        public var count: Int

        /// Creates the message.
        public init(count: Int) {
            self.count = count
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = ["Events.Watch"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Events.Watch`: Change events: past ones after a sequence, then live.
        /// Send each `Event` with `items.send(_:)`; return the closing result.
        func watch(_ request: Events.WatchRequest, context: RPCServerContext, items: RPCStreamWriter) async throws
            -> Events.WatchResult
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Events.Watch`: Change events: past ones after a sequence, then live.
        /// - Throws: `RPCError` with the status the schema documents for `Events.Watch`.
        public func watch(_ request: Events.WatchRequest, options: RPCCallOptions = .init()) -> PartnerStream<
            Event, Events.WatchResult
        > {
            caller.serverStream("Events.Watch", request, options: options)
        }
    }
}

extension Events.ServiceProtocol {
    /// Registers every `Events.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerStreaming("Events.Watch", Events.WatchRequest.self) {
            try await self.watch($0, context: $1, items: $2)
        }
    }
}

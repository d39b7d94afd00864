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

    /// The methods of this service, each named once: the client calls them
    /// (`client.events.watch(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Events.Watch`: Change events: past ones after a sequence, then live.
        public let watch = PartnerStreamingMethod<WatchRequest, Event, WatchResult>("Events.Watch")
    }

    /// The methods of `Events.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Events.Watch`: Change events: past ones after a sequence, then live.
        /// Send each `Event` with `items.send(_:)`; return the closing result.
        func watch(_ request: WatchRequest, context: RPCServerContext, items: RPCStreamWriter) async throws
            -> WatchResult
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Events.ServiceProtocol {
    /// Registers every `Events.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Events.methods.watch) { try await self.watch($0, context: $1, items: $2) }
    }
}

import FramedJSON
public import FramedRPC

/// The outbox of messages the system would email.
///
/// Mirrors the `Notifications.*` methods of `Protocol/partner.openrpc.json`.
public enum Notifications {
    /// Params of Notifications.List.
    public typealias ListRequest = PageRequest

    /// The methods of this service, each named once: the client calls them
    /// (`client.notifications.list(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Notifications.List`: The outbox.
        public let list = PartnerMethod<ListRequest, Page<Notification>>("Notifications.List")
    }

    /// The methods of `Notifications.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Notifications.List`: The outbox.
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<Notification>
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Notifications.ServiceProtocol {
    /// Registers every `Notifications.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Notifications.methods.list) { try await self.list($0, context: $1) }
    }
}

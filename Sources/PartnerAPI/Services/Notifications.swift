public import FramedJSON
public import FramedRPC

/// The outbox of messages the system would email.
///
/// Mirrors the `Notifications.*` methods of `Protocol/partner.openrpc.json`.
public enum Notifications {
    /// Params of Notifications.List.
    public struct ListRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?

        /// Creates the message.
        public init(pageSize: Int? = nil, pageToken: String? = nil) {
            self.pageSize = pageSize
            self.pageToken = pageToken
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = ["Notifications.List"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Notifications.List`: The outbox.
        func list(_ request: Notifications.ListRequest, context: RPCServerContext) async throws -> Page<Notification>
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Notifications.List`: The outbox.
        /// - Throws: `RPCError` with the status the schema documents for `Notifications.List`.
        public func list(_ request: Notifications.ListRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Page<Notification>
        {
            try await caller.unary("Notifications.List", request, options: options)
        }
    }
}

extension Notifications.ServiceProtocol {
    /// Registers every `Notifications.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Notifications.List", Notifications.ListRequest.self) {
            try await self.list($0, context: $1)
        }
    }
}

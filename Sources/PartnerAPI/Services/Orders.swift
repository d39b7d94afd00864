public import FramedJSON
public import FramedRPC

/// Buying subscriptions.
///
/// Mirrors the `Orders.*` methods of `Protocol/partner.openrpc.json`.
public enum Orders {
    /// Params of Orders.Place.
    public struct PlaceRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String
        /// SKU.
        public var sku: String
        /// Seats.
        public var seats: Int
        /// Order a 30-day trial (not billed until Subscriptions.StartPaidService).
        public var trial: Bool?

        /// Creates the message.
        public init(customerId: String, sku: String, seats: Int, trial: Bool? = nil) {
            self.customerId = customerId
            self.sku = sku
            self.seats = seats
            self.trial = trial
        }
    }

    /// Result of Orders.Place.
    public struct PlaceResponse: Codable, Sendable, Hashable, JSONCodable {
        /// The order.
        public var order: Order
        /// The new subscription.
        public var subscription: Subscription

        /// Creates the message.
        public init(order: Order, subscription: Subscription) {
            self.order = order
            self.subscription = subscription
        }
    }

    /// Params of Orders.List.
    public struct ListRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?
        /// Limit to one customer; absent for the partner's own.
        public var customerId: String?

        /// Creates the message.
        public init(pageSize: Int? = nil, pageToken: String? = nil, customerId: String? = nil) {
            self.pageSize = pageSize
            self.pageToken = pageToken
            self.customerId = customerId
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = ["Orders.Place", "Orders.List"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Orders.Place`: Buys a SKU: creates a subscription.
        func place(_ request: Orders.PlaceRequest, context: RPCServerContext) async throws -> Orders.PlaceResponse
        /// `Orders.List`: Orders.
        func list(_ request: Orders.ListRequest, context: RPCServerContext) async throws -> Page<Order>
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Orders.Place`: Buys a SKU: creates a subscription.
        /// - Throws: `RPCError` with the status the schema documents for `Orders.Place`.
        public func place(_ request: Orders.PlaceRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Orders.PlaceResponse
        {
            try await caller.unary("Orders.Place", request, options: options)
        }

        /// `Orders.List`: Orders.
        /// - Throws: `RPCError` with the status the schema documents for `Orders.List`.
        public func list(_ request: Orders.ListRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Page<Order>
        {
            try await caller.unary("Orders.List", request, options: options)
        }
    }
}

extension Orders.ServiceProtocol {
    /// Registers every `Orders.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Orders.Place", Orders.PlaceRequest.self) { try await self.place($0, context: $1) }
        router.registerPartnerUnary("Orders.List", Orders.ListRequest.self) { try await self.list($0, context: $1) }
    }
}

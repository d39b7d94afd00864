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

    /// Params of Orders.List: one page of the partner's own, or of one customer's.
    public typealias ListRequest = CustomerPageRequest

    /// The methods of this service, each named once: the client calls them
    /// (`client.orders.place(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Orders.Place`: Buys a SKU: creates a subscription.
        public let place = PartnerMethod<PlaceRequest, PlaceResponse>("Orders.Place")
        /// `Orders.List`: Orders.
        public let list = PartnerMethod<ListRequest, Page<Order>>("Orders.List")
    }

    /// The methods of `Orders.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Orders.Place`: Buys a SKU: creates a subscription.
        func place(_ request: PlaceRequest, context: RPCServerContext) async throws -> PlaceResponse
        /// `Orders.List`: Orders.
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<Order>
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Orders.ServiceProtocol {
    /// Registers every `Orders.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Orders.methods.place) { try await self.place($0, context: $1) }
        router.register(Orders.methods.list) { try await self.list($0, context: $1) }
    }
}

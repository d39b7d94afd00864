public import FramedJSON
public import FramedRPC

/// The product catalogue.
///
/// Mirrors the `Catalog.*` methods of `Protocol/partner.openrpc.json`.
public enum Catalog {
    /// Params of Catalog.ListProducts: with a customer, only what it may buy.
    public struct ListProductsRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String?

        /// Creates the message.
        public init(customerId: String? = nil) {
            self.customerId = customerId
        }
    }

    /// Result of Catalog.ListProducts.
    public struct ListProductsResponse: Codable, Sendable, Hashable, JSONCodable {
        /// Products.
        public var items: [Product]

        /// Creates the message.
        public init(items: [Product]) {
            self.items = items
        }
    }

    /// The methods of this service, each named once: the client calls them
    /// (`client.catalog.listProducts(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Catalog.ListProducts`: The catalogue, or what one customer may buy.
        public let listProducts = PartnerMethod<ListProductsRequest, ListProductsResponse>("Catalog.ListProducts")
    }

    /// The methods of `Catalog.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Catalog.ListProducts`: The catalogue, or what one customer may buy.
        func listProducts(_ request: ListProductsRequest, context: RPCServerContext) async throws
            -> ListProductsResponse
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Catalog.ServiceProtocol {
    /// Registers every `Catalog.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Catalog.methods.listProducts) { try await self.listProducts($0, context: $1) }
    }
}

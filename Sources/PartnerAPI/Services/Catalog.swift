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

    /// The method names this service answers.
    public static let methodNames: [String] = ["Catalog.ListProducts"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Catalog.ListProducts`: The catalogue, or what one customer may buy.
        func listProducts(_ request: Catalog.ListProductsRequest, context: RPCServerContext) async throws
            -> Catalog.ListProductsResponse
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Catalog.ListProducts`: The catalogue, or what one customer may buy.
        /// - Throws: `RPCError` with the status the schema documents for `Catalog.ListProducts`.
        public func listProducts(_ request: Catalog.ListProductsRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Catalog.ListProductsResponse
        {
            try await caller.unary("Catalog.ListProducts", request, options: options)
        }
    }
}

extension Catalog.ServiceProtocol {
    /// Registers every `Catalog.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Catalog.ListProducts", Catalog.ListProductsRequest.self) {
            try await self.listProducts($0, context: $1)
        }
    }
}

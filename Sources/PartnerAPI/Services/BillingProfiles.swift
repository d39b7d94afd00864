public import FramedJSON
public import FramedRPC

/// Customers' billing details.
///
/// Mirrors the `BillingProfiles.*` methods of `Protocol/partner.openrpc.json`.
public enum BillingProfiles {
    /// Params of BillingProfiles.Update.
    public struct UpdateRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String
        /// The billing profile's etag.
        public var etag: String
        /// Address.
        public var billingAddress: PostalAddress?
        /// Contact.
        public var billingContact: BillingContact?

        /// Creates the message.
        public init(
            customerId: String, etag: String, billingAddress: PostalAddress? = nil,
            billingContact: BillingContact? = nil
        ) {
            self.customerId = customerId
            self.etag = etag
            self.billingAddress = billingAddress
            self.billingContact = billingContact
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = ["BillingProfiles.Get", "BillingProfiles.Update"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `BillingProfiles.Get`: A customer's billing details.
        func get(_ request: Customers.GetRequest, context: RPCServerContext) async throws -> BillingProfile
        /// `BillingProfiles.Update`: Changes billing details (etag checked).
        func update(_ request: BillingProfiles.UpdateRequest, context: RPCServerContext) async throws -> BillingProfile
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `BillingProfiles.Get`: A customer's billing details.
        /// - Throws: `RPCError` with the status the schema documents for `BillingProfiles.Get`.
        public func get(_ request: Customers.GetRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> BillingProfile
        {
            try await caller.unary("BillingProfiles.Get", request, options: options)
        }

        /// `BillingProfiles.Update`: Changes billing details (etag checked).
        /// - Throws: `RPCError` with the status the schema documents for `BillingProfiles.Update`.
        public func update(_ request: BillingProfiles.UpdateRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> BillingProfile
        {
            try await caller.unary("BillingProfiles.Update", request, options: options)
        }
    }
}

extension BillingProfiles.ServiceProtocol {
    /// Registers every `BillingProfiles.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("BillingProfiles.Get", Customers.GetRequest.self) {
            try await self.get($0, context: $1)
        }
        router.registerPartnerUnary("BillingProfiles.Update", BillingProfiles.UpdateRequest.self) {
            try await self.update($0, context: $1)
        }
    }
}

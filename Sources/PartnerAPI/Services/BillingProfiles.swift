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

    /// The methods of this service, each named once: the client calls them
    /// (`client.billingProfiles.get(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `BillingProfiles.Get`: A customer's billing details.
        public let get = PartnerMethod<Customers.GetRequest, BillingProfile>("BillingProfiles.Get")
        /// `BillingProfiles.Update`: Changes billing details (etag checked).
        public let update = PartnerMethod<UpdateRequest, BillingProfile>("BillingProfiles.Update")
    }

    /// The methods of `BillingProfiles.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `BillingProfiles.Get`: A customer's billing details.
        func get(_ request: Customers.GetRequest, context: RPCServerContext) async throws -> BillingProfile
        /// `BillingProfiles.Update`: Changes billing details (etag checked).
        func update(_ request: UpdateRequest, context: RPCServerContext) async throws -> BillingProfile
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension BillingProfiles.ServiceProtocol {
    /// Registers every `BillingProfiles.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(BillingProfiles.methods.get) { try await self.get($0, context: $1) }
        router.register(BillingProfiles.methods.update) { try await self.update($0, context: $1) }
    }
}

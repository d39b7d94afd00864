internal import FramedJSON
public import FramedRPC

/// Customers' company details.
///
/// Mirrors the `CompanyProfiles.*` methods of `Protocol/partner.openrpc.json`.
public enum CompanyProfiles {
    /// The methods of this service, each named once: the client calls them
    /// (`client.companyProfiles.get(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `CompanyProfiles.Get`: A customer's company details.
        public let get = PartnerMethod<Customers.GetRequest, CompanyProfile>("CompanyProfiles.Get")
    }

    /// The methods of `CompanyProfiles.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `CompanyProfiles.Get`: A customer's company details.
        func get(_ request: Customers.GetRequest, context: RPCServerContext) async throws -> CompanyProfile
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension CompanyProfiles.ServiceProtocol {
    /// Registers every `CompanyProfiles.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(CompanyProfiles.methods.get) { try await self.get($0, context: $1) }
    }
}

internal import FramedJSON
public import FramedRPC

/// Customers' company details.
///
/// Mirrors the `CompanyProfiles.*` methods of `Protocol/partner.openrpc.json`.
public enum CompanyProfiles {
    /// The method names this service answers.
    public static let methodNames: [String] = ["CompanyProfiles.Get"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `CompanyProfiles.Get`: A customer's company details.
        func get(_ request: Customers.GetRequest, context: RPCServerContext) async throws -> CompanyProfile
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `CompanyProfiles.Get`: A customer's company details.
        /// - Throws: `RPCError` with the status the schema documents for `CompanyProfiles.Get`.
        public func get(_ request: Customers.GetRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> CompanyProfile
        {
            try await caller.unary("CompanyProfiles.Get", request, options: options)
        }
    }
}

extension CompanyProfiles.ServiceProtocol {
    /// Registers every `CompanyProfiles.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("CompanyProfiles.Get", Customers.GetRequest.self) {
            try await self.get($0, context: $1)
        }
    }
}

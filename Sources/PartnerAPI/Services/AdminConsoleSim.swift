public import FramedJSON
public import FramedRPC

/// Controls of the embedded admin console simulator.
///
/// Mirrors the `AdminConsoleSim.*` methods of `Protocol/partner.openrpc.json`.
public enum AdminConsoleSim {
    /// Params of AdminConsoleSim.RegisterAccount.
    public struct RegisterAccountRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Domain.
        public var domain: String
        /// Edition.
        public var edition: String

        /// Creates the message.
        public init(domain: String, edition: String) {
            self.domain = domain
            self.edition = edition
        }
    }

    /// Params of AdminConsoleSim.ChangeDomain.
    public struct ChangeDomainRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String
        /// New domain upstream.
        public var domain: String

        /// Creates the message.
        public init(customerId: String, domain: String) {
            self.customerId = customerId
            self.domain = domain
        }
    }

    /// Params of AdminConsoleSim.ChangeAlternateEmail.
    public struct ChangeAlternateEmailRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String
        /// New alternate email upstream.
        public var alternateEmail: String

        /// Creates the message.
        public init(customerId: String, alternateEmail: String) {
            self.customerId = customerId
            self.alternateEmail = alternateEmail
        }
    }

    /// Params of AdminConsoleSim.RenameOrganisation.
    public struct RenameOrganisationRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String
        /// New organisation (legal) name upstream.
        public var organisationName: String

        /// Creates the message.
        public init(customerId: String, organisationName: String) {
            self.customerId = customerId
            self.organisationName = organisationName
        }
    }

    /// Params of the simulator's per-customer actions.
    public typealias CustomerRequest = PartnerAPI.CustomerRequest

    /// The methods of this service, each named once: the client calls them
    /// (`client.adminConsoleSim.registerAccount(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `AdminConsoleSim.RegisterAccount`: Registers an upstream account with an edition.
        public let registerAccount = PartnerMethod<RegisterAccountRequest, UpstreamAccount>(
            "AdminConsoleSim.RegisterAccount")
        /// `AdminConsoleSim.ChangeDomain`: The customer changes its domain upstream.
        public let changeDomain = PartnerMethod<ChangeDomainRequest, UpstreamAccount>("AdminConsoleSim.ChangeDomain")
        /// `AdminConsoleSim.ChangeAlternateEmail`: The customer changes its alternate email upstream.
        public let changeAlternateEmail = PartnerMethod<ChangeAlternateEmailRequest, UpstreamAccount>(
            "AdminConsoleSim.ChangeAlternateEmail")
        /// `AdminConsoleSim.GrantResellerAccess`: The customer grants reseller access.
        public let grantResellerAccess = PartnerMethod<CustomerRequest, UpstreamAccount>(
            "AdminConsoleSim.GrantResellerAccess")
        /// `AdminConsoleSim.RevokeResellerAccess`: The customer revokes reseller access.
        public let revokeResellerAccess = PartnerMethod<CustomerRequest, UpstreamAccount>(
            "AdminConsoleSim.RevokeResellerAccess")
        /// `AdminConsoleSim.VerifyDomain`: A team customer verifies its domain.
        public let verifyDomain = PartnerMethod<CustomerRequest, UpstreamAccount>("AdminConsoleSim.VerifyDomain")
        /// `AdminConsoleSim.RenameOrganisation`: The customer changes its legal name upstream.
        public let renameOrganisation = PartnerMethod<RenameOrganisationRequest, UpstreamAccount>(
            "AdminConsoleSim.RenameOrganisation")
    }

    /// The methods of `AdminConsoleSim.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `AdminConsoleSim.RegisterAccount`: Registers an upstream account with an edition.
        func registerAccount(_ request: RegisterAccountRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
        /// `AdminConsoleSim.ChangeDomain`: The customer changes its domain upstream.
        func changeDomain(_ request: ChangeDomainRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
        /// `AdminConsoleSim.ChangeAlternateEmail`: The customer changes its alternate email upstream.
        func changeAlternateEmail(_ request: ChangeAlternateEmailRequest, context: RPCServerContext)
            async throws -> UpstreamAccount
        /// `AdminConsoleSim.RenameOrganisation`: The customer changes its legal name upstream.
        func renameOrganisation(_ request: RenameOrganisationRequest, context: RPCServerContext)
            async throws -> UpstreamAccount
        /// `AdminConsoleSim.GrantResellerAccess`: The customer grants reseller access.
        func grantResellerAccess(_ request: CustomerRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
        /// `AdminConsoleSim.RevokeResellerAccess`: The customer revokes reseller access.
        func revokeResellerAccess(_ request: CustomerRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
        /// `AdminConsoleSim.VerifyDomain`: A team customer verifies its domain.
        func verifyDomain(_ request: CustomerRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension AdminConsoleSim.ServiceProtocol {
    /// Registers every `AdminConsoleSim.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(AdminConsoleSim.methods.registerAccount) { try await self.registerAccount($0, context: $1) }
        router.register(AdminConsoleSim.methods.changeDomain) { try await self.changeDomain($0, context: $1) }
        router.register(AdminConsoleSim.methods.changeAlternateEmail) {
            try await self.changeAlternateEmail($0, context: $1)
        }
        router.register(AdminConsoleSim.methods.renameOrganisation) {
            try await self.renameOrganisation($0, context: $1)
        }
        router.register(AdminConsoleSim.methods.grantResellerAccess) {
            try await self.grantResellerAccess($0, context: $1)
        }
        router.register(AdminConsoleSim.methods.revokeResellerAccess) {
            try await self.revokeResellerAccess($0, context: $1)
        }
        router.register(AdminConsoleSim.methods.verifyDomain) { try await self.verifyDomain($0, context: $1) }
    }
}

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

    /// Params of AdminConsoleSim.GrantResellerAccess, RevokeResellerAccess, VerifyDomain.
    public struct CustomerRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String

        /// Creates the message.
        public init(customerId: String) {
            self.customerId = customerId
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = [
        "AdminConsoleSim.RegisterAccount", "AdminConsoleSim.ChangeDomain", "AdminConsoleSim.ChangeAlternateEmail",
        "AdminConsoleSim.GrantResellerAccess", "AdminConsoleSim.RevokeResellerAccess", "AdminConsoleSim.VerifyDomain",
        "AdminConsoleSim.RenameOrganisation",
    ]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `AdminConsoleSim.RegisterAccount`: Registers an upstream account with an edition.
        func registerAccount(_ request: AdminConsoleSim.RegisterAccountRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
        /// `AdminConsoleSim.ChangeDomain`: The customer changes its domain upstream.
        func changeDomain(_ request: AdminConsoleSim.ChangeDomainRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
        /// `AdminConsoleSim.ChangeAlternateEmail`: The customer changes its alternate email upstream.
        func changeAlternateEmail(_ request: AdminConsoleSim.ChangeAlternateEmailRequest, context: RPCServerContext)
            async throws -> UpstreamAccount
        /// `AdminConsoleSim.RenameOrganisation`: The customer changes its legal name upstream.
        func renameOrganisation(_ request: AdminConsoleSim.RenameOrganisationRequest, context: RPCServerContext)
            async throws -> UpstreamAccount
        /// `AdminConsoleSim.GrantResellerAccess`: The customer grants reseller access.
        func grantResellerAccess(_ request: AdminConsoleSim.CustomerRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
        /// `AdminConsoleSim.RevokeResellerAccess`: The customer revokes reseller access.
        func revokeResellerAccess(_ request: AdminConsoleSim.CustomerRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
        /// `AdminConsoleSim.VerifyDomain`: A team customer verifies its domain.
        func verifyDomain(_ request: AdminConsoleSim.CustomerRequest, context: RPCServerContext) async throws
            -> UpstreamAccount
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `AdminConsoleSim.RegisterAccount`: Registers an upstream account with an edition.
        /// - Throws: `RPCError` with the status the schema documents for `AdminConsoleSim.RegisterAccount`.
        public func registerAccount(
            _ request: AdminConsoleSim.RegisterAccountRequest, options: RPCCallOptions = .init()
        ) async throws(RPCError) -> UpstreamAccount {
            try await caller.unary("AdminConsoleSim.RegisterAccount", request, options: options)
        }

        /// `AdminConsoleSim.ChangeDomain`: The customer changes its domain upstream.
        /// - Throws: `RPCError` with the status the schema documents for `AdminConsoleSim.ChangeDomain`.
        public func changeDomain(_ request: AdminConsoleSim.ChangeDomainRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> UpstreamAccount
        {
            try await caller.unary("AdminConsoleSim.ChangeDomain", request, options: options)
        }

        /// `AdminConsoleSim.ChangeAlternateEmail`: The customer changes its alternate email upstream.
        /// - Throws: `RPCError` with the status the schema documents for `AdminConsoleSim.ChangeAlternateEmail`.
        public func changeAlternateEmail(
            _ request: AdminConsoleSim.ChangeAlternateEmailRequest, options: RPCCallOptions = .init()
        ) async throws(RPCError) -> UpstreamAccount {
            try await caller.unary("AdminConsoleSim.ChangeAlternateEmail", request, options: options)
        }

        /// `AdminConsoleSim.RenameOrganisation`: The customer changes its legal name upstream.
        /// - Throws: `RPCError` with the status the schema documents for `AdminConsoleSim.RenameOrganisation`.
        public func renameOrganisation(
            _ request: AdminConsoleSim.RenameOrganisationRequest, options: RPCCallOptions = .init()
        ) async throws(RPCError) -> UpstreamAccount {
            try await caller.unary("AdminConsoleSim.RenameOrganisation", request, options: options)
        }

        /// `AdminConsoleSim.GrantResellerAccess`: The customer grants reseller access.
        /// - Throws: `RPCError` with the status the schema documents for `AdminConsoleSim.GrantResellerAccess`.
        public func grantResellerAccess(_ request: AdminConsoleSim.CustomerRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> UpstreamAccount
        {
            try await caller.unary("AdminConsoleSim.GrantResellerAccess", request, options: options)
        }

        /// `AdminConsoleSim.RevokeResellerAccess`: The customer revokes reseller access.
        /// - Throws: `RPCError` with the status the schema documents for `AdminConsoleSim.RevokeResellerAccess`.
        public func revokeResellerAccess(_ request: AdminConsoleSim.CustomerRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> UpstreamAccount
        {
            try await caller.unary("AdminConsoleSim.RevokeResellerAccess", request, options: options)
        }

        /// `AdminConsoleSim.VerifyDomain`: A team customer verifies its domain.
        /// - Throws: `RPCError` with the status the schema documents for `AdminConsoleSim.VerifyDomain`.
        public func verifyDomain(_ request: AdminConsoleSim.CustomerRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> UpstreamAccount
        {
            try await caller.unary("AdminConsoleSim.VerifyDomain", request, options: options)
        }
    }
}

extension AdminConsoleSim.ServiceProtocol {
    /// Registers every `AdminConsoleSim.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("AdminConsoleSim.RegisterAccount", AdminConsoleSim.RegisterAccountRequest.self) {
            try await self.registerAccount($0, context: $1)
        }
        router.registerPartnerUnary("AdminConsoleSim.ChangeDomain", AdminConsoleSim.ChangeDomainRequest.self) {
            try await self.changeDomain($0, context: $1)
        }
        router.registerPartnerUnary(
            "AdminConsoleSim.ChangeAlternateEmail", AdminConsoleSim.ChangeAlternateEmailRequest.self
        ) { try await self.changeAlternateEmail($0, context: $1) }
        router.registerPartnerUnary(
            "AdminConsoleSim.RenameOrganisation", AdminConsoleSim.RenameOrganisationRequest.self
        ) { try await self.renameOrganisation($0, context: $1) }
        router.registerPartnerUnary("AdminConsoleSim.GrantResellerAccess", AdminConsoleSim.CustomerRequest.self) {
            try await self.grantResellerAccess($0, context: $1)
        }
        router.registerPartnerUnary("AdminConsoleSim.RevokeResellerAccess", AdminConsoleSim.CustomerRequest.self) {
            try await self.revokeResellerAccess($0, context: $1)
        }
        router.registerPartnerUnary("AdminConsoleSim.VerifyDomain", AdminConsoleSim.CustomerRequest.self) {
            try await self.verifyDomain($0, context: $1)
        }
    }
}

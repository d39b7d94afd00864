public import FramedJSON
public import FramedRPC

/// Inviting new customers by email.
///
/// Mirrors the `Invitations.*` methods of `Protocol/partner.openrpc.json`.
public enum Invitations {
    /// Params of Invitations.Send.
    public struct SendRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Contact name.
        public var name: String
        /// Admin email to invite.
        public var email: String
        /// Google domain.
        public var domain: String
        /// Organisation.
        public var organisationName: String
        /// ISO 3166-1; left unset on the customer when absent.
        public var regionCode: String?
        /// BCP 47 language tag; left unset on the customer when absent.
        public var languageCode: String?
        /// IANA time zone; left unset on the customer when absent.
        public var timeZone: String?

        /// Creates the message.
        public init(
            name: String, email: String, domain: String, organisationName: String, regionCode: String? = nil,
            languageCode: String? = nil, timeZone: String? = nil
        ) {
            self.name = name
            self.email = email
            self.domain = domain
            self.organisationName = organisationName
            self.regionCode = regionCode
            self.languageCode = languageCode
            self.timeZone = timeZone
        }
    }

    /// Result of Invitations.Send.
    public struct SendResponse: Codable, Sendable, Hashable, JSONCodable {
        /// The INVITED customer.
        public var customer: Customer
        /// The invitation.
        public var invitation: Invitation

        /// Creates the message.
        public init(customer: Customer, invitation: Invitation) {
            self.customer = customer
            self.invitation = invitation
        }
    }

    /// Params of Invitations.Resend and Invitations.Revoke.
    public struct CustomerRequest: Codable, Sendable, Hashable, JSONCodable {
        /// The invited customer.
        public var customerId: String

        /// Creates the message.
        public init(customerId: String) {
            self.customerId = customerId
        }
    }

    /// Params of Invitations.Accept: the one-time token from the email.
    public struct AcceptRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Token.
        public var token: String

        /// Creates the message.
        public init(token: String) {
            self.token = token
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = [
        "Invitations.Send", "Invitations.Resend", "Invitations.Revoke", "Invitations.Accept",
    ]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Invitations.Send`: Invites a new customer by email.
        func send(_ request: Invitations.SendRequest, context: RPCServerContext) async throws
            -> Invitations.SendResponse
        /// `Invitations.Resend`: Sends a new token; the old one stops working.
        func resend(_ request: Invitations.CustomerRequest, context: RPCServerContext) async throws -> Invitation
        /// `Invitations.Revoke`: Withdraws a pending invitation.
        func revoke(_ request: Invitations.CustomerRequest, context: RPCServerContext) async throws -> Invitation
        /// `Invitations.Accept`: Accepts with the emailed token (no agent token needed).
        func accept(_ request: Invitations.AcceptRequest, context: RPCServerContext) async throws -> Customer
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Invitations.Send`: Invites a new customer by email.
        /// - Throws: `RPCError` with the status the schema documents for `Invitations.Send`.
        public func send(_ request: Invitations.SendRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Invitations.SendResponse
        {
            try await caller.unary("Invitations.Send", request, options: options)
        }

        /// `Invitations.Resend`: Sends a new token; the old one stops working.
        /// - Throws: `RPCError` with the status the schema documents for `Invitations.Resend`.
        public func resend(_ request: Invitations.CustomerRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Invitation
        {
            try await caller.unary("Invitations.Resend", request, options: options)
        }

        /// `Invitations.Revoke`: Withdraws a pending invitation.
        /// - Throws: `RPCError` with the status the schema documents for `Invitations.Revoke`.
        public func revoke(_ request: Invitations.CustomerRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Invitation
        {
            try await caller.unary("Invitations.Revoke", request, options: options)
        }

        /// `Invitations.Accept`: Accepts with the emailed token (no agent token needed).
        /// - Throws: `RPCError` with the status the schema documents for `Invitations.Accept`.
        public func accept(_ request: Invitations.AcceptRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Customer
        {
            try await caller.unary("Invitations.Accept", request, options: options)
        }
    }
}

extension Invitations.ServiceProtocol {
    /// Registers every `Invitations.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Invitations.Send", Invitations.SendRequest.self) {
            try await self.send($0, context: $1)
        }
        router.registerPartnerUnary("Invitations.Resend", Invitations.CustomerRequest.self) {
            try await self.resend($0, context: $1)
        }
        router.registerPartnerUnary("Invitations.Revoke", Invitations.CustomerRequest.self) {
            try await self.revoke($0, context: $1)
        }
        router.registerPartnerUnary("Invitations.Accept", Invitations.AcceptRequest.self) {
            try await self.accept($0, context: $1)
        }
    }
}

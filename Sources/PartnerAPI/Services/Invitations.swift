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

    /// Params of Invitations.Resend and Invitations.Revoke: the invited customer.
    public typealias CustomerRequest = PartnerAPI.CustomerRequest

    /// Params of Invitations.Accept: the one-time token from the email.
    public typealias AcceptRequest = TokenRequest

    /// The methods of this service, each named once: the client calls them
    /// (`client.invitations.send(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Invitations.Send`: Invites a new customer by email.
        public let send = PartnerMethod<SendRequest, SendResponse>("Invitations.Send")
        /// `Invitations.Resend`: Sends a new token; the old one stops working.
        public let resend = PartnerMethod<CustomerRequest, Invitation>("Invitations.Resend")
        /// `Invitations.Revoke`: Withdraws a pending invitation.
        public let revoke = PartnerMethod<CustomerRequest, Invitation>("Invitations.Revoke")
        /// `Invitations.Accept`: Accepts with the emailed token (no agent token needed).
        public let accept = PartnerMethod<AcceptRequest, Customer>("Invitations.Accept")
    }

    /// The methods of `Invitations.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Invitations.Send`: Invites a new customer by email.
        func send(_ request: SendRequest, context: RPCServerContext) async throws
            -> SendResponse
        /// `Invitations.Resend`: Sends a new token; the old one stops working.
        func resend(_ request: CustomerRequest, context: RPCServerContext) async throws -> Invitation
        /// `Invitations.Revoke`: Withdraws a pending invitation.
        func revoke(_ request: CustomerRequest, context: RPCServerContext) async throws -> Invitation
        /// `Invitations.Accept`: Accepts with the emailed token (no agent token needed).
        func accept(_ request: AcceptRequest, context: RPCServerContext) async throws -> Customer
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Invitations.ServiceProtocol {
    /// Registers every `Invitations.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Invitations.methods.send) { try await self.send($0, context: $1) }
        router.register(Invitations.methods.resend) { try await self.resend($0, context: $1) }
        router.register(Invitations.methods.revoke) { try await self.revoke($0, context: $1) }
        router.register(Invitations.methods.accept) { try await self.accept($0, context: $1) }
    }
}

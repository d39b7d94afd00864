public import FramedJSON
public import FramedRPC

/// The partner's own profile.
///
/// Mirrors the `Partners.*` methods of `Protocol/partner.openrpc.json`.
public enum Partners {
    /// Params of Partners.UpdateProfile.
    public struct UpdateProfileRequest: Codable, Sendable, Hashable, JSONCodable {
        /// The profile's current etag.
        public var etag: String
        /// New name.
        public var name: String?
        /// New support email.
        public var supportEmail: String?
        /// New website.
        public var websiteUrl: String?
        /// New phone.
        public var phoneNumber: String?

        /// Creates the message.
        public init(
            etag: String, name: String? = nil, supportEmail: String? = nil, websiteUrl: String? = nil,
            phoneNumber: String? = nil
        ) {
            self.etag = etag
            self.name = name
            self.supportEmail = supportEmail
            self.websiteUrl = websiteUrl
            self.phoneNumber = phoneNumber
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = ["Partners.GetProfile", "Partners.UpdateProfile"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Partners.GetProfile`: The caller's partner profile.
        func getProfile(_ request: Empty, context: RPCServerContext) async throws -> Partner
        /// `Partners.UpdateProfile`: Updates the profile (admin agents; etag checked).
        func updateProfile(_ request: Partners.UpdateProfileRequest, context: RPCServerContext) async throws -> Partner
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Partners.GetProfile`: The caller's partner profile.
        /// - Throws: `RPCError` with the status the schema documents for `Partners.GetProfile`.
        public func getProfile(_ request: Empty = Empty(), options: RPCCallOptions = .init()) async throws(RPCError)
            -> Partner
        {
            try await caller.unary("Partners.GetProfile", request, options: options)
        }

        /// `Partners.UpdateProfile`: Updates the profile (admin agents; etag checked).
        /// - Throws: `RPCError` with the status the schema documents for `Partners.UpdateProfile`.
        public func updateProfile(_ request: Partners.UpdateProfileRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Partner
        {
            try await caller.unary("Partners.UpdateProfile", request, options: options)
        }
    }
}

extension Partners.ServiceProtocol {
    /// Registers every `Partners.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Partners.GetProfile", Empty.self) { try await self.getProfile($0, context: $1) }
        router.registerPartnerUnary("Partners.UpdateProfile", Partners.UpdateProfileRequest.self) {
            try await self.updateProfile($0, context: $1)
        }
    }
}

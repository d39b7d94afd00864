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

    /// The methods of this service, each named once: the client calls them
    /// (`client.partners.getProfile(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Partners.GetProfile`: The caller's partner profile.
        public let getProfile = PartnerMethod<Empty, Partner>("Partners.GetProfile")
        /// `Partners.UpdateProfile`: Updates the profile (admin agents; etag checked).
        public let updateProfile = PartnerMethod<UpdateProfileRequest, Partner>("Partners.UpdateProfile")
    }

    /// The methods of `Partners.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Partners.GetProfile`: The caller's partner profile.
        func getProfile(_ request: Empty, context: RPCServerContext) async throws -> Partner
        /// `Partners.UpdateProfile`: Updates the profile (admin agents; etag checked).
        func updateProfile(_ request: UpdateProfileRequest, context: RPCServerContext) async throws -> Partner
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Partners.ServiceProtocol {
    /// Registers every `Partners.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Partners.methods.getProfile) { try await self.getProfile($0, context: $1) }
        router.register(Partners.methods.updateProfile) { try await self.updateProfile($0, context: $1) }
    }
}

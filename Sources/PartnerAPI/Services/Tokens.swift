public import FramedJSON
public import FramedRPC

/// API tokens of agents.
///
/// Mirrors the `Tokens.*` methods of `Protocol/partner.openrpc.json`.
public enum Tokens {
    /// Params of Tokens.Create.
    public struct CreateRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Owner.
        public var agentId: String
        /// Label.
        public var label: String?
        /// Lifetime; absent for no expiry.
        public var ttlSeconds: Int?

        /// Creates the message.
        public init(agentId: String, label: String? = nil, ttlSeconds: Int? = nil) {
            self.agentId = agentId
            self.label = label
            self.ttlSeconds = ttlSeconds
        }
    }

    /// Result of Tokens.Create: the secret is shown only here.
    public struct CreateResponse: Codable, Sendable, Hashable, JSONCodable {
        /// The token's record.
        public var token: ApiToken
        /// The bearer secret.
        public var secret: String

        /// Creates the message.
        public init(token: ApiToken, secret: String) {
            self.token = token
            self.secret = secret
        }
    }

    /// Params of Tokens.List.
    public struct ListRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?
        /// Limit to one agent.
        public var agentId: String?

        /// Creates the message.
        public init(pageSize: Int? = nil, pageToken: String? = nil, agentId: String? = nil) {
            self.pageSize = pageSize
            self.pageToken = pageToken
            self.agentId = agentId
        }
    }

    /// Params of Tokens.Revoke.
    public struct RevokeRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Token.
        public var tokenId: String

        /// Creates the message.
        public init(tokenId: String) {
            self.tokenId = tokenId
        }
    }

    /// The methods of this service, each named once: the client calls them
    /// (`client.tokens.create(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Tokens.Create`: Creates a token; the secret is returned only here.
        public let create = PartnerMethod<CreateRequest, CreateResponse>("Tokens.Create")
        /// `Tokens.List`: Lists tokens (never their secrets).
        public let list = PartnerMethod<ListRequest, Page<ApiToken>>("Tokens.List")
        /// `Tokens.Revoke`: Revokes a token; it fails from the next call on.
        public let revoke = PartnerMethod<RevokeRequest, ApiToken>("Tokens.Revoke")
    }

    /// The methods of `Tokens.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Tokens.Create`: Creates a token; the secret is returned only here.
        func create(_ request: CreateRequest, context: RPCServerContext) async throws -> CreateResponse
        /// `Tokens.List`: Lists tokens (never their secrets).
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<ApiToken>
        /// `Tokens.Revoke`: Revokes a token; it fails from the next call on.
        func revoke(_ request: RevokeRequest, context: RPCServerContext) async throws -> ApiToken
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Tokens.ServiceProtocol {
    /// Registers every `Tokens.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Tokens.methods.create) { try await self.create($0, context: $1) }
        router.register(Tokens.methods.list) { try await self.list($0, context: $1) }
        router.register(Tokens.methods.revoke) { try await self.revoke($0, context: $1) }
    }
}

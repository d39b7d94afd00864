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

    /// The method names this service answers.
    public static let methodNames: [String] = ["Tokens.Create", "Tokens.List", "Tokens.Revoke"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Tokens.Create`: Creates a token; the secret is returned only here.
        func create(_ request: Tokens.CreateRequest, context: RPCServerContext) async throws -> Tokens.CreateResponse
        /// `Tokens.List`: Lists tokens (never their secrets).
        func list(_ request: Tokens.ListRequest, context: RPCServerContext) async throws -> Page<ApiToken>
        /// `Tokens.Revoke`: Revokes a token; it fails from the next call on.
        func revoke(_ request: Tokens.RevokeRequest, context: RPCServerContext) async throws -> ApiToken
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Tokens.Create`: Creates a token; the secret is returned only here.
        /// - Throws: `RPCError` with the status the schema documents for `Tokens.Create`.
        public func create(_ request: Tokens.CreateRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Tokens.CreateResponse
        {
            try await caller.unary("Tokens.Create", request, options: options)
        }

        /// `Tokens.List`: Lists tokens (never their secrets).
        /// - Throws: `RPCError` with the status the schema documents for `Tokens.List`.
        public func list(_ request: Tokens.ListRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Page<ApiToken>
        {
            try await caller.unary("Tokens.List", request, options: options)
        }

        /// `Tokens.Revoke`: Revokes a token; it fails from the next call on.
        /// - Throws: `RPCError` with the status the schema documents for `Tokens.Revoke`.
        public func revoke(_ request: Tokens.RevokeRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> ApiToken
        {
            try await caller.unary("Tokens.Revoke", request, options: options)
        }
    }
}

extension Tokens.ServiceProtocol {
    /// Registers every `Tokens.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Tokens.Create", Tokens.CreateRequest.self) {
            try await self.create($0, context: $1)
        }
        router.registerPartnerUnary("Tokens.List", Tokens.ListRequest.self) { try await self.list($0, context: $1) }
        router.registerPartnerUnary("Tokens.Revoke", Tokens.RevokeRequest.self) {
            try await self.revoke($0, context: $1)
        }
    }
}

public import FramedJSON
public import FramedRPC

/// The partner's agents and their roles.
///
/// Mirrors the `Agents.*` methods of `Protocol/partner.openrpc.json`.
public enum Agents {
    /// Params of Agents.Create.
    public struct CreateRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Name.
        public var displayName: String
        /// Email.
        public var email: String
        /// One or both roles.
        public var roles: [Role]

        /// Creates the message.
        public init(displayName: String, email: String, roles: [Role]) {
            self.displayName = displayName
            self.email = email
            self.roles = roles
        }
    }

    /// Params of Agents.List.
    public struct ListRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?

        /// Creates the message.
        public init(pageSize: Int? = nil, pageToken: String? = nil) {
            self.pageSize = pageSize
            self.pageToken = pageToken
        }
    }

    /// Params of Agents.Update.
    public struct UpdateRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Agent.
        public var agentId: String
        /// Current etag.
        public var etag: String
        /// New name.
        public var displayName: String?
        /// New roles.
        public var roles: [Role]?
        /// Disable or enable.
        public var disabled: Bool?

        /// Creates the message.
        public init(
            agentId: String, etag: String, displayName: String? = nil, roles: [Role]? = nil, disabled: Bool? = nil
        ) {
            self.agentId = agentId
            self.etag = etag
            self.displayName = displayName
            self.roles = roles
            self.disabled = disabled
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = ["Agents.Create", "Agents.List", "Agents.Update"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Agents.Create`: Adds an agent with one or both roles.
        func create(_ request: Agents.CreateRequest, context: RPCServerContext) async throws -> Agent
        /// `Agents.List`: Lists agents.
        func list(_ request: Agents.ListRequest, context: RPCServerContext) async throws -> Page<Agent>
        /// `Agents.Update`: Changes an agent's name, roles or disabled flag.
        func update(_ request: Agents.UpdateRequest, context: RPCServerContext) async throws -> Agent
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Agents.Create`: Adds an agent with one or both roles.
        /// - Throws: `RPCError` with the status the schema documents for `Agents.Create`.
        public func create(_ request: Agents.CreateRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Agent
        {
            try await caller.unary("Agents.Create", request, options: options)
        }

        /// `Agents.List`: Lists agents.
        /// - Throws: `RPCError` with the status the schema documents for `Agents.List`.
        public func list(_ request: Agents.ListRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Page<Agent>
        {
            try await caller.unary("Agents.List", request, options: options)
        }

        /// `Agents.Update`: Changes an agent's name, roles or disabled flag.
        /// - Throws: `RPCError` with the status the schema documents for `Agents.Update`.
        public func update(_ request: Agents.UpdateRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Agent
        {
            try await caller.unary("Agents.Update", request, options: options)
        }
    }
}

extension Agents.ServiceProtocol {
    /// Registers every `Agents.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Agents.Create", Agents.CreateRequest.self) {
            try await self.create($0, context: $1)
        }
        router.registerPartnerUnary("Agents.List", Agents.ListRequest.self) { try await self.list($0, context: $1) }
        router.registerPartnerUnary("Agents.Update", Agents.UpdateRequest.self) {
            try await self.update($0, context: $1)
        }
    }
}

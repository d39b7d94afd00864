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
    public typealias ListRequest = PageRequest

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

    /// The methods of this service, each named once: the client calls them
    /// (`client.agents.create(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Agents.Create`: Adds an agent with one or both roles.
        public let create = PartnerMethod<CreateRequest, Agent>("Agents.Create")
        /// `Agents.List`: Lists agents.
        public let list = PartnerMethod<ListRequest, Page<Agent>>("Agents.List")
        /// `Agents.Update`: Changes an agent's name, roles or disabled flag.
        public let update = PartnerMethod<UpdateRequest, Agent>("Agents.Update")
    }

    /// The methods of `Agents.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Agents.Create`: Adds an agent with one or both roles.
        func create(_ request: CreateRequest, context: RPCServerContext) async throws -> Agent
        /// `Agents.List`: Lists agents.
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<Agent>
        /// `Agents.Update`: Changes an agent's name, roles or disabled flag.
        func update(_ request: UpdateRequest, context: RPCServerContext) async throws -> Agent
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Agents.ServiceProtocol {
    /// Registers every `Agents.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Agents.methods.create) { try await self.create($0, context: $1) }
        router.register(Agents.methods.list) { try await self.list($0, context: $1) }
        router.register(Agents.methods.update) { try await self.update($0, context: $1) }
    }
}

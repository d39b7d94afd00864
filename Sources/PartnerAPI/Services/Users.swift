public import FramedJSON
public import FramedRPC

/// Users of the partner and of customers.
///
/// Mirrors the `Users.*` methods of `Protocol/partner.openrpc.json`.
public enum Users {
    /// Params of Users.List.
    public struct ListRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?
        /// Limit to one customer; absent for the partner's own.
        public var customerId: String?

        /// Creates the message.
        public init(pageSize: Int? = nil, pageToken: String? = nil, customerId: String? = nil) {
            self.pageSize = pageSize
            self.pageToken = pageToken
            self.customerId = customerId
        }
    }

    /// Params of Users.Create.
    public struct CreateRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Limit to one customer; absent for the partner's own.
        public var customerId: String?
        /// First name.
        public var firstName: String
        /// Last name.
        public var lastName: String
        /// Email.
        public var email: String

        /// Creates the message.
        public init(customerId: String? = nil, firstName: String, lastName: String, email: String) {
            self.customerId = customerId
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = ["Users.List", "Users.Create"]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Users.List`: Users of the partner or of a customer.
        func list(_ request: Users.ListRequest, context: RPCServerContext) async throws -> Page<User>
        /// `Users.Create`: Adds a user.
        func create(_ request: Users.CreateRequest, context: RPCServerContext) async throws -> User
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Users.List`: Users of the partner or of a customer.
        /// - Throws: `RPCError` with the status the schema documents for `Users.List`.
        public func list(_ request: Users.ListRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Page<User>
        {
            try await caller.unary("Users.List", request, options: options)
        }

        /// `Users.Create`: Adds a user.
        /// - Throws: `RPCError` with the status the schema documents for `Users.Create`.
        public func create(_ request: Users.CreateRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> User
        {
            try await caller.unary("Users.Create", request, options: options)
        }
    }
}

extension Users.ServiceProtocol {
    /// Registers every `Users.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Users.List", Users.ListRequest.self) { try await self.list($0, context: $1) }
        router.registerPartnerUnary("Users.Create", Users.CreateRequest.self) { try await self.create($0, context: $1) }
    }
}

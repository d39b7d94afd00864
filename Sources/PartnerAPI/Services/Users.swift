public import FramedJSON
public import FramedRPC

/// Users of the partner and of customers.
///
/// Mirrors the `Users.*` methods of `Protocol/partner.openrpc.json`.
public enum Users {
    /// Params of Users.List: one page of the partner's own, or of one customer's.
    public typealias ListRequest = CustomerPageRequest

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

    /// The methods of this service, each named once: the client calls them
    /// (`client.users.list(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Users.List`: Users of the partner or of a customer.
        public let list = PartnerMethod<ListRequest, Page<User>>("Users.List")
        /// `Users.Create`: Adds a user.
        public let create = PartnerMethod<CreateRequest, User>("Users.Create")
    }

    /// The methods of `Users.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Users.List`: Users of the partner or of a customer.
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<User>
        /// `Users.Create`: Adds a user.
        func create(_ request: CreateRequest, context: RPCServerContext) async throws -> User
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Users.ServiceProtocol {
    /// Registers every `Users.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Users.methods.list) { try await self.list($0, context: $1) }
        router.register(Users.methods.create) { try await self.create($0, context: $1) }
    }
}

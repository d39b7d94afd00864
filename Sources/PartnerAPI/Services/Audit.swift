public import FramedJSON
public import FramedRPC

/// The audit log.
///
/// Mirrors the `Audit.*` methods of `Protocol/partner.openrpc.json`.
public enum Audit {
    /// Params of Audit.List.
    public struct ListRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?
        /// Entries at or after this time (RFC 3339); default endTime minus 90 days.
        public var startTime: String?
        /// Entries at or before this time (RFC 3339); default now. At most 90 days after startTime.
        public var endTime: String?
        /// Entries about this customer (itself, its subscriptions, contacts, invitations).
        public var customerId: String?
        /// Entries of this agent's calls.
        public var agentId: String?
        /// Entries of this method, e.g. Customers.Update.
        public var operation: String?

        /// Creates the message.
        public init(
            pageSize: Int? = nil, pageToken: String? = nil, startTime: String? = nil, endTime: String? = nil,
            customerId: String? = nil, agentId: String? = nil, operation: String? = nil
        ) {
            self.pageSize = pageSize
            self.pageToken = pageToken
            self.startTime = startTime
            self.endTime = endTime
            self.customerId = customerId
            self.agentId = agentId
            self.operation = operation
        }
    }

    /// The methods of this service, each named once: the client calls them
    /// (`client.audit.list(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Audit.List`: The audit log.
        public let list = PartnerMethod<ListRequest, Page<AuditEntry>>("Audit.List")
    }

    /// The methods of `Audit.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Audit.List`: The audit log.
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<AuditEntry>
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Audit.ServiceProtocol {
    /// Registers every `Audit.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Audit.methods.list) { try await self.list($0, context: $1) }
    }
}

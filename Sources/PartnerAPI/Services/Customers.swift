public import FramedJSON
public import FramedRPC

/// Customers (tenants) of the partner.
///
/// Mirrors the `Customers.*` methods of `Protocol/partner.openrpc.json`.
public enum Customers {
    /// Params of Customers.CheckDomain.
    public struct CheckDomainRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Domain to check.
        public var domain: String

        /// Creates the message.
        public init(domain: String) {
            self.domain = domain
        }
    }

    /// Result of Customers.CheckDomain.
    public struct CheckDomainResponse: Codable, Sendable, Hashable, JSONCodable {
        /// A customer here already holds the domain.
        public var existing: Bool
        /// It is the caller's customer.
        public var owned: Bool
        /// An admin console account exists for the domain.
        public var upstreamAccount: Bool?
        /// Named only when owned.
        public var customerId: String?

        /// Creates the message.
        public init(existing: Bool, owned: Bool, upstreamAccount: Bool? = nil, customerId: String? = nil) {
            self.existing = existing
            self.owned = owned
            self.upstreamAccount = upstreamAccount
            self.customerId = customerId
        }
    }

    /// Params of Customers.Create.
    public struct CreateRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Legal name.
        public var organisationName: String
        /// Friendly name; defaults to the legal name.
        public var displayName: String?
        /// Registered domain.
        public var primaryDomain: String
        /// DOMAIN or TEAM.
        public var customerType: CustomerType
        /// For schools and higher education.
        public var education: EducationData?
        /// Address.
        public var postalAddress: PostalAddress
        /// Super admin (inside the domain for DOMAIN customers).
        public var primaryAdminEmail: String
        /// Required for DOMAIN customers; never in the primary domain.
        public var alternateEmail: String?
        /// Phone.
        public var phoneNumber: String?
        /// BCP 47.
        public var languageCode: String
        /// ISO 3166-1; defaults to the address region.
        public var regionCode: String?
        /// IANA time zone.
        public var timeZone: String

        /// Creates the message.
        public init(
            organisationName: String, displayName: String? = nil, primaryDomain: String, customerType: CustomerType,
            education: EducationData? = nil, postalAddress: PostalAddress, primaryAdminEmail: String,
            alternateEmail: String? = nil, phoneNumber: String? = nil, languageCode: String, regionCode: String? = nil,
            timeZone: String
        ) {
            self.organisationName = organisationName
            self.displayName = displayName
            self.primaryDomain = primaryDomain
            self.customerType = customerType
            self.education = education
            self.postalAddress = postalAddress
            self.primaryAdminEmail = primaryAdminEmail
            self.alternateEmail = alternateEmail
            self.phoneNumber = phoneNumber
            self.languageCode = languageCode
            self.regionCode = regionCode
            self.timeZone = timeZone
        }
    }

    /// Params of Customers.Get and of every per-customer read.
    public typealias GetRequest = CustomerRequest

    /// Params of Customers.List.
    public struct ListRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?
        /// Matches names, domain, Cloud Identity id.
        public var text: String?
        /// Filter.
        public var customerType: CustomerType?
        /// Filter.
        public var state: CustomerState?
        /// Filter.
        public var education: Bool?
        /// AIP-160 style filter expression, e.g. `customerType = DOMAIN AND (displayName : acme OR regionCode = IT)`.
        public var filter: String?
        /// Order: `field [asc|desc]`, comma-separated (displayName, organisationName, primaryDomain, createTime, updateTime).
        public var orderBy: String?

        /// Creates the message.
        public init(
            pageSize: Int? = nil, pageToken: String? = nil, text: String? = nil, customerType: CustomerType? = nil,
            state: CustomerState? = nil, education: Bool? = nil, filter: String? = nil, orderBy: String? = nil
        ) {
            self.filter = filter
            self.orderBy = orderBy
            self.pageSize = pageSize
            self.pageToken = pageToken
            self.text = text
            self.customerType = customerType
            self.state = state
            self.education = education
        }
    }

    /// Params of Customers.Update: only the fields named in `updateMask` change.
    public struct UpdateRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String
        /// Current etag.
        public var etag: String
        /// Fields to change.
        public var updateMask: [String]
        /// Friendly name.
        public var displayName: String?
        /// Address.
        public var postalAddress: PostalAddress?
        /// Admin email.
        public var primaryAdminEmail: String?
        /// Alternate email.
        public var alternateEmail: String?
        /// Phone.
        public var phoneNumber: String?
        /// Language.
        public var languageCode: String?
        /// Region.
        public var regionCode: String?
        /// Time zone.
        public var timeZone: String?
        /// Education data.
        public var education: EducationData?

        /// Creates the message.
        public init(
            customerId: String, etag: String, updateMask: [String], displayName: String? = nil,
            postalAddress: PostalAddress? = nil, primaryAdminEmail: String? = nil, alternateEmail: String? = nil,
            phoneNumber: String? = nil, languageCode: String? = nil, regionCode: String? = nil, timeZone: String? = nil,
            education: EducationData? = nil
        ) {
            self.customerId = customerId
            self.etag = etag
            self.updateMask = updateMask
            self.displayName = displayName
            self.postalAddress = postalAddress
            self.primaryAdminEmail = primaryAdminEmail
            self.alternateEmail = alternateEmail
            self.phoneNumber = phoneNumber
            self.languageCode = languageCode
            self.regionCode = regionCode
            self.timeZone = timeZone
            self.education = education
        }
    }

    /// Params of Customers.SyncWithAdminConsole.
    public struct SyncRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String
        /// Current etag.
        public var etag: String?
        /// primaryDomain and/or alternateEmail; default all that differ.
        public var fields: [String]?

        /// Creates the message.
        public init(customerId: String, etag: String? = nil, fields: [String]? = nil) {
            self.customerId = customerId
            self.etag = etag
            self.fields = fields
        }
    }

    /// Params of Customers.Delete.
    public struct DeleteRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String
        /// Current etag.
        public var etag: String?

        /// Creates the message.
        public init(customerId: String, etag: String? = nil) {
            self.customerId = customerId
            self.etag = etag
        }
    }

    /// Params of Customers.Suspend and Customers.Reactivate.
    public struct StateChangeRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Customer.
        public var customerId: String
        /// Current etag; a stale one gives ABORTED.
        public var etag: String?
        /// Why, for the subscriptions' history.
        public var reason: String?

        /// Creates the message.
        public init(customerId: String, etag: String? = nil, reason: String? = nil) {
            self.customerId = customerId
            self.etag = etag
            self.reason = reason
        }
    }

    /// The methods of this service, each named once: the client calls them
    /// (`client.customers.checkDomain(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Customers.CheckDomain`: Whether a domain is a customer here or an account upstream.
        public let checkDomain = PartnerMethod<CheckDomainRequest, CheckDomainResponse>("Customers.CheckDomain")
        /// `Customers.Create`: Creates a domain or team customer.
        public let create = PartnerMethod<CreateRequest, Customer>("Customers.Create")
        /// `Customers.Get`: One customer, with any admin console mismatch.
        public let get = PartnerMethod<GetRequest, Customer>("Customers.Get")
        /// `Customers.List`: Customers, filtered and paged.
        public let list = PartnerMethod<ListRequest, Page<Customer>>("Customers.List")
        /// `Customers.Update`: Changes the fields named in the update mask.
        public let update = PartnerMethod<UpdateRequest, Customer>("Customers.Update")
        /// `Customers.SyncWithAdminConsole`: Copies the admin console's domain or alternate email once.
        public let syncWithAdminConsole = PartnerMethod<SyncRequest, Customer>("Customers.SyncWithAdminConsole")
        /// `Customers.Delete`: Deletes a customer without live subscriptions.
        public let delete = PartnerMethod<DeleteRequest, Customer>("Customers.Delete")
        /// `Customers.Suspend`: Suspends a customer and its subscriptions.
        public let suspend = PartnerMethod<StateChangeRequest, Customer>("Customers.Suspend")
        /// `Customers.Reactivate`: Reactivates a suspended customer.
        public let reactivate = PartnerMethod<StateChangeRequest, Customer>("Customers.Reactivate")
    }

    /// The methods of `Customers.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Customers.CheckDomain`: Whether a domain is a customer here or an account upstream.
        func checkDomain(_ request: CheckDomainRequest, context: RPCServerContext) async throws
            -> CheckDomainResponse
        /// `Customers.Create`: Creates a domain or team customer.
        func create(_ request: CreateRequest, context: RPCServerContext) async throws -> Customer
        /// `Customers.Get`: One customer, with any admin console mismatch.
        func get(_ request: GetRequest, context: RPCServerContext) async throws -> Customer
        /// `Customers.List`: Customers, filtered and paged.
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<Customer>
        /// `Customers.Update`: Changes the fields named in the update mask.
        func update(_ request: UpdateRequest, context: RPCServerContext) async throws -> Customer
        /// `Customers.SyncWithAdminConsole`: Copies the admin console's domain or alternate email once.
        func syncWithAdminConsole(_ request: SyncRequest, context: RPCServerContext) async throws -> Customer
        /// `Customers.Delete`: Deletes a customer without live subscriptions.
        func delete(_ request: DeleteRequest, context: RPCServerContext) async throws -> Customer
        /// `Customers.Suspend`: Suspends a customer and its subscriptions.
        func suspend(_ request: StateChangeRequest, context: RPCServerContext) async throws -> Customer
        /// `Customers.Reactivate`: Reactivates a suspended customer.
        func reactivate(_ request: StateChangeRequest, context: RPCServerContext) async throws -> Customer
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Customers.ServiceProtocol {
    /// Registers every `Customers.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Customers.methods.checkDomain) { try await self.checkDomain($0, context: $1) }
        router.register(Customers.methods.create) { try await self.create($0, context: $1) }
        router.register(Customers.methods.get) { try await self.get($0, context: $1) }
        router.register(Customers.methods.list) { try await self.list($0, context: $1) }
        router.register(Customers.methods.update) { try await self.update($0, context: $1) }
        router.register(Customers.methods.syncWithAdminConsole) { try await self.syncWithAdminConsole($0, context: $1) }
        router.register(Customers.methods.delete) { try await self.delete($0, context: $1) }
        router.register(Customers.methods.suspend) { try await self.suspend($0, context: $1) }
        router.register(Customers.methods.reactivate) { try await self.reactivate($0, context: $1) }
    }
}

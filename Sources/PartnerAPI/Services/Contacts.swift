public import FramedJSON
public import FramedRPC

/// Billing, technical and business contacts.
///
/// Mirrors the `Contacts.*` methods of `Protocol/partner.openrpc.json`.
public enum Contacts {
    /// Params of Contacts.Create: from a user (`userId`) or external (names and email).
    public struct CreateRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Limit to one customer; absent for the partner's own.
        public var customerId: String?
        /// Make it from this user.
        public var userId: String?
        /// Required for external contacts.
        public var firstName: String?
        /// Required for external contacts.
        public var lastName: String?
        /// Required for external contacts.
        public var businessEmail: String?
        /// Phone.
        public var businessPhone: String?
        /// Job title.
        public var jobTitle: String?
        /// At least one type.
        public var types: [ContactType]

        /// Creates the message.
        public init(
            customerId: String? = nil, userId: String? = nil, firstName: String? = nil, lastName: String? = nil,
            businessEmail: String? = nil, businessPhone: String? = nil, jobTitle: String? = nil, types: [ContactType]
        ) {
            self.customerId = customerId
            self.userId = userId
            self.firstName = firstName
            self.lastName = lastName
            self.businessEmail = businessEmail
            self.businessPhone = businessPhone
            self.jobTitle = jobTitle
            self.types = types
        }
    }

    /// Params of Contacts.List: one page of the partner's own, or of one customer's.
    public typealias ListRequest = CustomerPageRequest

    /// Params of Contacts.Update.
    public struct UpdateRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Contact.
        public var contactId: String
        /// Current etag.
        public var etag: String
        /// First name.
        public var firstName: String?
        /// Last name.
        public var lastName: String?
        /// A user-linked contact's new email waits for confirmation.
        public var businessEmail: String?
        /// Phone.
        public var businessPhone: String?
        /// Job title.
        public var jobTitle: String?
        /// Types.
        public var types: [ContactType]?

        /// Creates the message.
        public init(
            contactId: String, etag: String, firstName: String? = nil, lastName: String? = nil,
            businessEmail: String? = nil, businessPhone: String? = nil, jobTitle: String? = nil,
            types: [ContactType]? = nil
        ) {
            self.contactId = contactId
            self.etag = etag
            self.firstName = firstName
            self.lastName = lastName
            self.businessEmail = businessEmail
            self.businessPhone = businessPhone
            self.jobTitle = jobTitle
            self.types = types
        }
    }

    /// Params of Contacts.Delete.
    public struct ContactRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Contact.
        public var contactId: String
        /// Contacts.Delete of a primary contact: the contact that becomes primary in its place.
        public var successorContactId: String?

        /// Creates the message.
        public init(contactId: String, successorContactId: String? = nil) {
            self.contactId = contactId
            self.successorContactId = successorContactId
        }
    }

    /// Params of Contacts.SetPrimary.
    public struct SetPrimaryRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Contact.
        public var contactId: String
        /// The type it becomes primary for.
        public var type: ContactType
        /// Current etag; a stale one gives ABORTED.
        public var etag: String?

        /// Creates the message.
        public init(contactId: String, type: ContactType, etag: String? = nil) {
            self.contactId = contactId
            self.type = type
            self.etag = etag
        }
    }

    /// Params of Contacts.ConfirmEmail: the token sent to the new address.
    public typealias ConfirmEmailRequest = TokenRequest

    /// The methods of this service, each named once: the client calls them
    /// (`client.contacts.create(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Contacts.Create`: Adds a contact from a user or an outside person.
        public let create = PartnerMethod<CreateRequest, Contact>("Contacts.Create")
        /// `Contacts.List`: Contacts of the partner or of a customer.
        public let list = PartnerMethod<ListRequest, Page<Contact>>("Contacts.List")
        /// `Contacts.Update`: Changes a contact; a user-linked email change waits for confirmation.
        public let update = PartnerMethod<UpdateRequest, Contact>("Contacts.Update")
        /// `Contacts.Delete`: Removes a contact (a linked user stays).
        public let delete = PartnerMethod<ContactRequest, Contact>("Contacts.Delete")
        /// `Contacts.ConfirmEmail`: Applies a pending email change with its token.
        public let confirmEmail = PartnerMethod<ConfirmEmailRequest, Contact>("Contacts.ConfirmEmail")
        /// `Contacts.SetPrimary`: Makes a contact its scope's primary contact of a type.
        public let setPrimary = PartnerMethod<SetPrimaryRequest, Contact>("Contacts.SetPrimary")
    }

    /// The methods of `Contacts.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Contacts.Create`: Adds a contact from a user or an outside person.
        func create(_ request: CreateRequest, context: RPCServerContext) async throws -> Contact
        /// `Contacts.List`: Contacts of the partner or of a customer.
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<Contact>
        /// `Contacts.Update`: Changes a contact; a user-linked email change waits for confirmation.
        func update(_ request: UpdateRequest, context: RPCServerContext) async throws -> Contact
        /// `Contacts.Delete`: Removes a contact (a linked user stays).
        func delete(_ request: ContactRequest, context: RPCServerContext) async throws -> Contact
        /// `Contacts.SetPrimary`: Makes a contact its scope's primary contact of a type.
        func setPrimary(_ request: SetPrimaryRequest, context: RPCServerContext) async throws -> Contact
        /// `Contacts.ConfirmEmail`: Applies a pending email change with its token.
        func confirmEmail(_ request: ConfirmEmailRequest, context: RPCServerContext) async throws -> Contact
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Contacts.ServiceProtocol {
    /// Registers every `Contacts.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Contacts.methods.create) { try await self.create($0, context: $1) }
        router.register(Contacts.methods.list) { try await self.list($0, context: $1) }
        router.register(Contacts.methods.update) { try await self.update($0, context: $1) }
        router.register(Contacts.methods.delete) { try await self.delete($0, context: $1) }
        router.register(Contacts.methods.setPrimary) { try await self.setPrimary($0, context: $1) }
        router.register(Contacts.methods.confirmEmail) { try await self.confirmEmail($0, context: $1) }
    }
}

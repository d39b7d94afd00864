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

    /// Params of Contacts.List.
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
    public struct ConfirmEmailRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Token.
        public var token: String

        /// Creates the message.
        public init(token: String) {
            self.token = token
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = [
        "Contacts.Create", "Contacts.List", "Contacts.Update", "Contacts.Delete", "Contacts.ConfirmEmail",
        "Contacts.SetPrimary",
    ]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Contacts.Create`: Adds a contact from a user or an outside person.
        func create(_ request: Contacts.CreateRequest, context: RPCServerContext) async throws -> Contact
        /// `Contacts.List`: Contacts of the partner or of a customer.
        func list(_ request: Contacts.ListRequest, context: RPCServerContext) async throws -> Page<Contact>
        /// `Contacts.Update`: Changes a contact; a user-linked email change waits for confirmation.
        func update(_ request: Contacts.UpdateRequest, context: RPCServerContext) async throws -> Contact
        /// `Contacts.Delete`: Removes a contact (a linked user stays).
        func delete(_ request: Contacts.ContactRequest, context: RPCServerContext) async throws -> Contact
        /// `Contacts.SetPrimary`: Makes a contact its scope's primary contact of a type.
        func setPrimary(_ request: Contacts.SetPrimaryRequest, context: RPCServerContext) async throws -> Contact
        /// `Contacts.ConfirmEmail`: Applies a pending email change with its token.
        func confirmEmail(_ request: Contacts.ConfirmEmailRequest, context: RPCServerContext) async throws -> Contact
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Contacts.Create`: Adds a contact from a user or an outside person.
        /// - Throws: `RPCError` with the status the schema documents for `Contacts.Create`.
        public func create(_ request: Contacts.CreateRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Contact
        {
            try await caller.unary("Contacts.Create", request, options: options)
        }

        /// `Contacts.List`: Contacts of the partner or of a customer.
        /// - Throws: `RPCError` with the status the schema documents for `Contacts.List`.
        public func list(_ request: Contacts.ListRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Page<Contact>
        {
            try await caller.unary("Contacts.List", request, options: options)
        }

        /// `Contacts.Update`: Changes a contact; a user-linked email change waits for confirmation.
        /// - Throws: `RPCError` with the status the schema documents for `Contacts.Update`.
        public func update(_ request: Contacts.UpdateRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Contact
        {
            try await caller.unary("Contacts.Update", request, options: options)
        }

        /// `Contacts.Delete`: Removes a contact (a linked user stays).
        /// - Throws: `RPCError` with the status the schema documents for `Contacts.Delete`.
        public func delete(_ request: Contacts.ContactRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Contact
        {
            try await caller.unary("Contacts.Delete", request, options: options)
        }

        /// `Contacts.SetPrimary`: Makes a contact its scope's primary contact of a type.
        /// - Throws: `RPCError` with the status the schema documents for `Contacts.SetPrimary`.
        public func setPrimary(_ request: Contacts.SetPrimaryRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Contact
        {
            try await caller.unary("Contacts.SetPrimary", request, options: options)
        }

        /// `Contacts.ConfirmEmail`: Applies a pending email change with its token.
        /// - Throws: `RPCError` with the status the schema documents for `Contacts.ConfirmEmail`.
        public func confirmEmail(_ request: Contacts.ConfirmEmailRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Contact
        {
            try await caller.unary("Contacts.ConfirmEmail", request, options: options)
        }
    }
}

extension Contacts.ServiceProtocol {
    /// Registers every `Contacts.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Contacts.Create", Contacts.CreateRequest.self) {
            try await self.create($0, context: $1)
        }
        router.registerPartnerUnary("Contacts.List", Contacts.ListRequest.self) { try await self.list($0, context: $1) }
        router.registerPartnerUnary("Contacts.Update", Contacts.UpdateRequest.self) {
            try await self.update($0, context: $1)
        }
        router.registerPartnerUnary("Contacts.Delete", Contacts.ContactRequest.self) {
            try await self.delete($0, context: $1)
        }
        router.registerPartnerUnary("Contacts.SetPrimary", Contacts.SetPrimaryRequest.self) {
            try await self.setPrimary($0, context: $1)
        }
        router.registerPartnerUnary("Contacts.ConfirmEmail", Contacts.ConfirmEmailRequest.self) {
            try await self.confirmEmail($0, context: $1)
        }
    }
}

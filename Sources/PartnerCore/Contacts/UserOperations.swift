/// `Users.*`: users of the partner and of its customers.
public struct UserOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// `Users.Create`.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`; INVALID_ARGUMENT
    ///   (`firstName`, `lastName`, `email`); ALREADY_EXISTS field `email` within the scope.
    public func create(_ input: NewUser, caller: Caller, in tx: any StoreWriting) throws -> User {
        try Policy.authorize(.usersCreate, caller)
        if let customerId = input.customerId {
            _ = try CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx)
        }
        let user = User(
            id: context.ids.next("usr"), partnerId: caller.partnerId, customerId: input.customerId,
            firstName: try FieldRules.requireText(input.firstName, field: "firstName"),
            lastName: try FieldRules.requireText(input.lastName, field: "lastName"),
            email: try FieldRules.email(input.email, field: "email"), createTime: context.now())
        do { try tx.put(user) } catch let error as StoreError where error.code == .duplicateKey {
            throw DomainError.alreadyExists(field: "email", "a user with email \(user.email) already exists here")
        }
        try Audit.record(
            .usersCreate, target: user.id, after: ["email": user.email, "name": "\(user.firstName) \(user.lastName)"],
            caller: caller, context: context, in: tx)
        try Events.emit(
            "user.created", resourceId: user.id, customerId: user.customerId, partnerId: caller.partnerId,
            context: context, in: tx)
        return user
    }

    /// `Users.List`: the partner's users (no `customerId`) or one customer's, with the types
    /// of their linked contacts.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`; INVALID_ARGUMENT paging.
    public func list(customerId: String?, page: PageRequest, caller: Caller, in tx: any StoreReading) throws -> Page<
        User
    > {
        try Policy.authorize(.usersList, caller)
        if let customerId { _ = try CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx) }
        let scope = customerId.map { "customer:\($0)" } ?? "partner"
        return try Page.collect(
            User.self, partnerId: caller.partnerId, lookupKey: scope, query: "users", request: page,
            tokens: context.pageTokens, in: tx
        ) {
            user in
            try Self.withContactTypes(user, in: tx)
        }
    }

    /// The user `id` within the caller's partner and the given scope.
    static func fetch(_ id: String, partnerId: String, customerId: String?, in tx: any StoreReading) throws -> User {
        guard let user = try tx.get(User.self, id: id), user.partnerId == partnerId, user.customerId == customerId
        else {
            throw DomainError.notFound("user", id, field: "userId")
        }
        return user
    }

    /// The user with `contactTypes` taken from its linked contact.
    static func withContactTypes(_ user: User, in tx: any StoreReading) throws -> User {
        var user = user
        user.contactTypes = try tx.find(Contact.self, uniqueKey: "user:\(user.id)")?.types ?? []
        return user
    }
}

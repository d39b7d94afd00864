/// `Customers.*`: create, read, list, update, sync with the admin console, delete.
///
/// Every operation checks the caller's role (`Policy`) and scopes to the caller's partner:
/// another partner's customer, or a deleted one, answers NOT_FOUND.
public struct CustomerOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// The customer `id` of `partnerId`, live (not DELETED). Commerce uses this too.
    /// - Throws: NOT_FOUND field `customerId` when missing, deleted or another partner's.
    public static func fetch(_ id: String, partnerId: String, in tx: any StoreReading) throws -> Customer {
        guard let customer = try tx.get(Customer.self, id: id), customer.partnerId == partnerId,
            customer.state != .deleted
        else { throw DomainError.notFound("customer", id, field: "customerId") }
        return customer
    }

    /// `Customers.CheckDomain`: is the domain already a customer (here or at another
    /// partner), and does an admin console account exist for it? Names the customer only when
    /// the caller owns it.
    /// - Throws: PERMISSION_DENIED; INVALID_ARGUMENT field `domain` on bad syntax.
    public func checkDomain(_ domain: String, caller: Caller, in tx: any StoreReading) throws -> DomainAvailability {
        try Policy.authorize(.customersCheckDomain, caller)
        let domain = try FieldRules.registeredDomain(domain, field: "domain")
        let global = try tx.find(Customer.self, uniqueKey: "domain:\(domain)")
        let own = try tx.list(
            Customer.self, partnerId: caller.partnerId, lookupKey: "domain:\(domain)", after: nil, limit: 200
        )
        .first { $0.state != .deleted }
        let ownedId = global?.partnerId == caller.partnerId ? global?.id : own?.id
        let upstream = try context.adminConsole.account(domain: domain, in: tx)
        return DomainAvailability(
            existing: global != nil || own != nil, owned: ownedId != nil, upstreamAccount: upstream != nil,
            customerId: ownedId)
    }

    /// `Customers.Create`: validates every rule, creates the customer ACTIVE with reseller
    /// access off and no subscription status, provisions its admin console account, and sends
    /// the credentials notice to the primary and alternate emails.
    /// - Throws: PERMISSION_DENIED (sales agents only); INVALID_ARGUMENT naming the field;
    ///   ALREADY_EXISTS field `primaryDomain`; FAILED_PRECONDITION field `primaryDomain` when
    ///   the admin console account runs Nonprofits or the legacy free edition.
    public func create(_ input: NewCustomer, caller: Caller, in tx: any StoreWriting) throws -> Customer {
        try Policy.authorize(.customersCreate, caller)
        let customer = try insertLinked(try validated(input, partnerId: caller.partnerId, in: tx), in: tx)
        let partnerName = try tx.get(Partner.self, id: caller.partnerId)?.name ?? "your reseller"
        let recipients = [customer.primaryAdminEmail] + (customer.alternateEmail.map { [$0] } ?? [])
        try Outbox.send(
            to: recipients, subject: "Your account for \(customer.primaryDomain) is ready",
            text: """
                Hello,

                \(partnerName) created the account of \(customer.organisationName) for \(customer.primaryDomain).
                Administrator: \(customer.primaryAdminEmail)
                Cloud Identity id: \(customer.cloudIdentityId)

                Sign in to the admin console with the administrator address and set a password.
                Password information and notifications are also sent to the alternate address.
                """,
            kind: .credentials, related: [customer.id], partnerId: caller.partnerId, context: context, in: tx)
        try Audit.record(
            .customersCreate, target: customer.id, after: Self.summary(customer), caller: caller, context: context,
            in: tx)
        try Events.emit(
            "customer.created", resourceId: customer.id, customerId: customer.id, partnerId: caller.partnerId,
            context: context, in: tx)
        return customer
    }

    /// `Customers.Get`, with `adminConsoleMismatch` filled when the admin console's domain,
    /// alternate email or organisation name differs. One record read: the account's values
    /// come from the customer's copy (`Customer.upstream`); only a record written before the
    /// copy was kept has its account read.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`.
    public func get(_ customerId: String, caller: Caller, in tx: any StoreReading) throws -> Customer {
        try Policy.authorize(.customersGet, caller)
        var customer = try Self.fetch(customerId, partnerId: caller.partnerId, in: tx)
        let upstream =
            try customer.upstream
            ?? context.adminConsole.account(customerId: customer.id, in: tx).map(UpstreamFields.init)
        if let upstream {
            // Set only when it differs: a customer read from the cache shares its fields, and
            // changing one copies them all.
            let mismatch = AdminConsoleMismatch.between(customer, upstream)
            if mismatch != customer.adminConsoleMismatch { customer.adminConsoleMismatch = mismatch }
        }
        return customer
    }

    /// `Customers.List`: the partner's live customers, oldest first (or in `orderBy` order),
    /// filtered by the simple filters and the filter expression. Each carries its Cloud
    /// Identity id so that team customers of the same name can be told apart.
    /// - Throws: PERMISSION_DENIED; INVALID_ARGUMENT `pageSize` / `pageToken`, `filter` (naming
    ///   the position), `orderBy`.
    public func list(
        _ filter: CustomerFilter = CustomerFilter(), page: PageRequest, caller: Caller, in tx: any StoreReading
    ) throws -> Page<Customer> {
        try Policy.authorize(.customersList, caller)
        let expression = try filter.parsedExpression()
        let keys = try filter.orderKeys()
        let matches: (Customer) -> Bool = { customer in
            filter.matches(customer)
                && (expression?.matches { CustomerFilter.value(of: $0, in: customer) } ?? true)
        }
        guard !keys.isEmpty else {
            return try Page.collect(
                Customer.self, partnerId: caller.partnerId, query: filter, request: page, tokens: context.pageTokens,
                in: tx, filter: matches, transform: { $0 })
        }
        let all = try tx.list(Customer.self, partnerId: caller.partnerId, lookupKey: nil, after: nil, limit: .max)
        let ordered = all.filter(matches).sorted { a, b in
            for key in keys {
                let x = CustomerFilter.value(of: key.field, in: a) ?? ""
                let y = CustomerFilter.value(of: key.field, in: b) ?? ""
                if x != y { return key.descending ? x > y : x < y }
            }
            return a.id < b.id
        }
        return try Page.slice(
            ordered, partnerId: caller.partnerId, query: filter, request: page, tokens: context.pageTokens,
            transform: { $0 })
    }

    /// Checks and normalises a new customer's fields (no store writes).
    func validated(_ input: NewCustomer, partnerId: String, in tx: any StoreReading) throws -> Customer {
        let organisation = try CustomerRules.organisationNameRequired(input.organisationName)
        let displayName = try FieldRules.optionalText(input.displayName, field: "displayName") ?? organisation
        let domain = try FieldRules.registeredDomain(input.primaryDomain, field: "primaryDomain")
        let address = try AddressRules.postalAddress(input.postalAddress, field: "postalAddress")
        let admin = try FieldRules.email(input.primaryAdminEmail, field: "primaryAdminEmail")
        let alternate = try input.alternateEmail.flatMap { try FieldRules.optionalText($0, field: "alternateEmail") }
            .map { email throws in try FieldRules.email(email, field: "alternateEmail") }
        try CustomerRules.checkContactEmails(
            admin: admin, alternate: alternate, domain: domain, type: input.customerType, state: .active)
        let phone = try FieldRules.phone(input.phoneNumber, field: "phoneNumber")
        let language = try FieldRules.languageTag(input.languageCode, field: "languageCode")
        let region = try FieldRules.regionCode(input.regionCode ?? address.regionCode, field: "regionCode")
        let zone = try FieldRules.timeZone(input.timeZone, field: "timeZone")
        try CustomerRules.domainUniqueAmongDomainCustomers(domain, type: input.customerType, in: tx)
        if let upstream = try context.adminConsole.account(domain: domain, in: tx) {
            try CustomerRules.requireResellableEdition(upstream)
        }
        return Customer(
            id: context.ids.next("cus"), partnerId: partnerId, organisationName: organisation, displayName: displayName,
            primaryDomain: domain, customerType: input.customerType, education: input.education,
            cloudIdentityId: "", postalAddress: address, primaryAdminEmail: admin, alternateEmail: alternate,
            phoneNumber: phone, languageCode: language, regionCode: region, timeZone: zone, state: .active,
            time: context.now())
    }

    /// Provisions the new customer's admin console account, then stores the customer with
    /// the account's values (`Customer.upstream`) and a fresh, unique Cloud Identity id;
    /// returns it as stored.
    /// - Throws: ALREADY_EXISTS field `primaryDomain` when the domain is taken, here or
    ///   upstream; FAILED_PRECONDITION when the existing account's edition is not resellable.
    func insertLinked(_ customer: Customer, in tx: any StoreWriting) throws -> Customer {
        var customer = customer
        customer.upstream = UpstreamFields(try context.adminConsole.provision(customer, in: tx))
        for _ in 0..<8 {
            customer.cloudIdentityId = Self.newCloudIdentityId()
            do {
                try tx.put(customer)
                return customer
            } catch let error as StoreError where error.code == .duplicateKey {
                if error.key?.hasPrefix("domain:") == true {
                    throw DomainError.alreadyExists(
                        field: "primaryDomain", "domain \(customer.primaryDomain) is already held by a domain customer")
                }
            }
        }
        throw DomainError(.aborted, "could not allocate a unique Cloud Identity id; retry")
    }

    /// A Cloud Identity style id: `C0` and 7 random characters of `[0-9a-z]`.
    static func newCloudIdentityId() -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var rng = SystemRandomNumberGenerator()
        return "C0" + String((0..<7).map { _ in alphabet[Int(rng.next(upperBound: UInt(alphabet.count)))] })
    }

    /// The audited view of a customer.
    static func summary(_ c: Customer) -> [String: String] {
        [
            "displayName": c.displayName, "organisationName": c.organisationName, "primaryDomain": c.primaryDomain,
            "customerType": c.customerType.rawValue, "education": c.education?.instituteType.rawValue ?? "",
            "postalAddress": c.postalAddress.map(AddressRules.summary) ?? "", "primaryAdminEmail": c.primaryAdminEmail,
            "alternateEmail": c.alternateEmail ?? "", "phoneNumber": c.phoneNumber ?? "",
            "languageCode": c.languageCode ?? "",
            "regionCode": c.regionCode ?? "", "timeZone": c.timeZone ?? "", "state": c.state.rawValue,
            "resellerAccess": String(c.resellerAccess),
        ]
    }
}

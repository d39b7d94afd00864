/// `AdminConsoleSim.*`: what the customer would do in its own admin console, for tests and
/// demos. Present only while the embedded `SimulatedAdminConsole` is the admin console.
/// Changes of domain and alternate email stay upstream (the partner console shows a
/// mismatch until an explicit sync); reseller access and domain verification are facts the
/// partner console learns at once.
public struct AdminConsoleSimOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// `AdminConsoleSim.RegisterAccount`: an account that exists upstream before any customer
    /// does (e.g. on the Nonprofits edition, to see `Customers.Create` refuse it).
    /// - Throws: PERMISSION_DENIED; INVALID_ARGUMENT field `domain`; ALREADY_EXISTS field
    ///   `domain` when an account holds it.
    public func registerAccount(domain: String, edition: UpstreamEdition, caller: Caller, in tx: any StoreWriting)
        throws -> UpstreamAccount
    {
        try Policy.authorize(.adminConsoleSimRegisterAccount, caller)
        let domain = try FieldRules.registeredDomain(domain, field: "domain")
        let account = UpstreamAccount(
            id: context.ids.next("upa"), partnerId: caller.partnerId, customerId: nil, domain: domain,
            domainVerified: true,
            edition: edition, organisationName: domain, primaryAdminEmail: "admin@\(domain)", alternateEmail: nil,
            time: context.now())
        try put(account, field: "domain", in: tx)
        try record(
            .adminConsoleSimRegisterAccount, account, after: ["domain": domain, "edition": edition.rawValue],
            caller: caller, in: tx)
        return account
    }

    /// `AdminConsoleSim.ChangeDomain`: the customer renames its primary domain upstream (the
    /// super admin's address moves with it).
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`; INVALID_ARGUMENT field
    ///   `domain`; ALREADY_EXISTS field `domain`.
    public func changeDomain(customerId: String, domain: String, caller: Caller, in tx: any StoreWriting) throws
        -> UpstreamAccount
    {
        try Policy.authorize(.adminConsoleSimChangeDomain, caller)
        var account = try linkedAccount(customerId, caller: caller, in: tx)
        let domain = try FieldRules.registeredDomain(domain, field: "domain")
        let old = account.domain
        account.domain = domain
        if FieldRules.domain(ofEmail: account.primaryAdminEmail) == old,
            let at = account.primaryAdminEmail.lastIndex(of: "@")
        {
            account.primaryAdminEmail = account.primaryAdminEmail[..<at] + "@" + domain
        }
        try store(
            &account, .adminConsoleSimChangeDomain, field: "domain", from: old, to: domain, caller: caller, in: tx)
        return account
    }

    /// `AdminConsoleSim.RenameOrganisation`: the customer changes its legal organisation name
    /// in its own admin console. The partner console shows the difference
    /// (`adminConsoleMismatch`) until a sync copies it into the legal name; the friendly
    /// `displayName` never changes.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`; INVALID_ARGUMENT field
    ///   `organisationName` (empty or longer than 200 characters).
    public func renameOrganisation(
        customerId: String, organisationName: String, caller: Caller, in tx: any StoreWriting
    ) throws -> UpstreamAccount {
        try Policy.authorize(.adminConsoleSimRenameOrganisation, caller)
        var account = try linkedAccount(customerId, caller: caller, in: tx)
        let name = try FieldRules.requireText(organisationName, field: "organisationName")
        let old = account.organisationName
        account.organisationName = name
        try store(
            &account, .adminConsoleSimRenameOrganisation, field: "organisationName", from: old, to: name,
            caller: caller,
            in: tx)
        return account
    }

    /// `AdminConsoleSim.ChangeAlternateEmail`.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND; INVALID_ARGUMENT field `alternateEmail` (bad,
    ///   or inside the account's domain).
    public func changeAlternateEmail(
        customerId: String, alternateEmail: String, caller: Caller, in tx: any StoreWriting
    ) throws -> UpstreamAccount {
        try Policy.authorize(.adminConsoleSimChangeAlternateEmail, caller)
        var account = try linkedAccount(customerId, caller: caller, in: tx)
        let email = try FieldRules.email(alternateEmail, field: "alternateEmail")
        try CustomerRules.alternateEmailOutsidePrimaryDomain(email, domain: account.domain)
        let old = account.alternateEmail ?? ""
        account.alternateEmail = email
        try store(
            &account, .adminConsoleSimChangeAlternateEmail, field: "alternateEmail", from: old, to: email,
            caller: caller, in: tx)
        return account
    }

    /// `AdminConsoleSim.GrantResellerAccess`: the customer lets the reseller into its admin
    /// console; the customer's `resellerAccess` turns on.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND.
    public func grantResellerAccess(customerId: String, caller: Caller, in tx: any StoreWriting) throws
        -> UpstreamAccount
    {
        try setResellerAccess(
            true, customerId: customerId, operation: .adminConsoleSimGrantResellerAccess, caller: caller, in: tx)
    }

    /// `AdminConsoleSim.RevokeResellerAccess`: the customer withdraws reseller access.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND.
    public func revokeResellerAccess(customerId: String, caller: Caller, in tx: any StoreWriting) throws
        -> UpstreamAccount
    {
        try setResellerAccess(
            false, customerId: customerId, operation: .adminConsoleSimRevokeResellerAccess, caller: caller, in: tx)
    }

    /// `AdminConsoleSim.VerifyDomain`: a team customer verifies its domain; from then on it
    /// may buy products beyond Essentials (`Customer.domainVerified`).
    /// - Throws: PERMISSION_DENIED; NOT_FOUND; ALREADY_EXISTS field `domain` when another
    ///   account holds the verified domain.
    public func verifyDomain(customerId: String, caller: Caller, in tx: any StoreWriting) throws -> UpstreamAccount {
        try Policy.authorize(.adminConsoleSimVerifyDomain, caller)
        var account = try linkedAccount(customerId, caller: caller, in: tx)
        guard !account.domainVerified else { return account }
        account.domainVerified = true
        try change(&account, field: "domain", in: tx)
        var customer = try CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx)
        customer.domainVerified = true
        try tx.putNextVersion(&customer, at: context.now())
        try record(
            .adminConsoleSimVerifyDomain, account, before: ["domainVerified": "false"],
            after: ["domainVerified": "true"], caller: caller, in: tx)
        return account
    }

    private func setResellerAccess(
        _ on: Bool, customerId: String, operation: Operation, caller: Caller, in tx: any StoreWriting
    ) throws -> UpstreamAccount {
        try Policy.authorize(operation, caller)
        var account = try linkedAccount(customerId, caller: caller, in: tx)
        let before = account.resellerAccess
        account.resellerAccess = on
        try change(&account, field: "customerId", in: tx)
        var customer = try CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx)
        if customer.resellerAccess != on {
            customer.resellerAccess = on
            try tx.putNextVersion(&customer, at: context.now())
        }
        try record(
            operation, account, before: ["resellerAccess": String(before)], after: ["resellerAccess": String(on)],
            caller: caller, in: tx)
        return account
    }

    private func linkedAccount(_ customerId: String, caller: Caller, in tx: any StoreReading) throws -> UpstreamAccount
    {
        let customer = try CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx)
        guard let account = try tx.find(UpstreamAccount.self, uniqueKey: "customer:\(customer.id)") else {
            throw DomainError.notFound("admin console account of customer", customerId, field: "customerId")
        }
        return account
    }

    /// Stores the account's next version and keeps its customer's copy of it current.
    private func change(_ account: inout UpstreamAccount, field: String, in tx: any StoreWriting) throws {
        account.advanceVersion(at: context.now())
        try put(account, field: field, in: tx)
        try refreshCopy(of: account, in: tx)
    }

    /// Gives the linked customer the account's values (`Customer.upstream`), which
    /// `Customers.Get` compares with its own. The customer's version stays: nothing it shows
    /// as its own changed.
    private func refreshCopy(of account: UpstreamAccount, in tx: any StoreWriting) throws {
        guard let customerId = account.customerId else { return }
        var customer = try CustomerOperations.fetch(customerId, partnerId: account.partnerId, in: tx)
        let upstream = UpstreamFields(account)
        guard customer.upstream != upstream else { return }
        customer.upstream = upstream
        try tx.put(customer)
    }

    /// Stores the account's next version after `field` went from `old` to `new`, and journals
    /// that one change as `operation`.
    private func store(
        _ account: inout UpstreamAccount, _ operation: Operation, field: String, from old: String, to new: String,
        caller: Caller, in tx: any StoreWriting
    ) throws {
        try change(&account, field: field, in: tx)
        try record(operation, account, before: [field: old], after: [field: new], caller: caller, in: tx)
    }

    private func put(_ account: UpstreamAccount, field: String, in tx: any StoreWriting) throws {
        do { try tx.put(account) } catch let error as StoreError where error.code == .duplicateKey {
            throw DomainError.alreadyExists(
                field: field, "domain \(account.domain) is already held by another admin console account")
        }
    }

    private func record(
        _ operation: Operation, _ account: UpstreamAccount, before: [String: String]? = nil, after: [String: String],
        caller: Caller, in tx: any StoreWriting
    ) throws {
        try Audit.record(
            operation, target: account.customerId ?? account.id, before: before, after: after, caller: caller,
            context: context, in: tx)
        try Events.emit(
            "upstream_account.changed", resourceId: account.id, customerId: account.customerId, data: after,
            partnerId: caller.partnerId, context: context, in: tx)
    }
}

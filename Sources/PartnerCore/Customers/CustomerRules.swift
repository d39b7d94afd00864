/// The customer rules of the seeds, one named function each. Every failure names its status
/// and field.
public enum CustomerRules {
    /// Rule `requireResellableEdition`: an account on Workspace for Nonprofits or the legacy
    /// free edition cannot become a reseller's customer.
    /// - Throws: FAILED_PRECONDITION, field `primaryDomain`.
    public static func requireResellableEdition(_ upstream: UpstreamAccount) throws(DomainError) {
        guard upstream.edition.isResellable else {
            throw DomainError.failedPrecondition(
                "domain \(upstream.domain) runs the \(upstream.edition.rawValue) edition in its admin console, which a reseller cannot manage",
                field: "primaryDomain")
        }
    }

    /// Rule `organisationNameRequired`: the legal organisation name is required (1-200
    /// characters). Throws INVALID_ARGUMENT field `organisationName`.
    public static func organisationNameRequired(_ name: String?) throws(DomainError) -> String {
        try FieldRules.requireText(name, field: "organisationName")
    }

    /// Rule `domainUniqueAmongDomainCustomers`: a live DOMAIN customer (of any partner) holds
    /// its domain alone. Team customers do not claim their domain.
    /// - Throws: ALREADY_EXISTS field `primaryDomain`; the message never names another
    ///   partner's customer.
    public static func domainUniqueAmongDomainCustomers(
        _ domain: String, type: CustomerType, excluding customerId: String? = nil, in tx: any StoreReading
    ) throws {
        guard type == .domain else { return }
        if let holder = try tx.find(Customer.self, uniqueKey: "domain:\(domain)"), holder.id != customerId {
            throw DomainError.alreadyExists(
                field: "primaryDomain", "domain \(domain) is already held by a domain customer")
        }
    }

    /// Rule `adminEmailInsidePrimaryDomain`: a DOMAIN customer's primary admin email is an
    /// address of its primary domain (or a subdomain).
    /// - Throws: INVALID_ARGUMENT field `primaryAdminEmail`.
    public static func adminEmailInsidePrimaryDomain(_ email: String, domain: String, type: CustomerType)
        throws(DomainError)
    {
        guard type == .domain else { return }
        guard FieldRules.isWithin(FieldRules.domain(ofEmail: email), domain: domain) else {
            throw DomainError.invalid(
                field: "primaryAdminEmail", reason: "\(email) must be an address of the primary domain \(domain)")
        }
    }

    /// Rule `alternateEmailRequiredForDomainCustomers`: DOMAIN customers need an alternate
    /// email (password information goes there); TEAM customers may omit it.
    /// - Throws: INVALID_ARGUMENT field `alternateEmail`.
    public static func alternateEmailRequiredForDomainCustomers(_ email: String?, type: CustomerType)
        throws(DomainError)
    {
        guard type == .domain, email == nil else { return }
        throw DomainError.invalid(field: "alternateEmail", reason: "is required for domain customers")
    }

    /// Rule `alternateEmailOutsidePrimaryDomain`: the alternate email is never an address of
    /// the primary domain or one of its subdomains.
    /// - Throws: INVALID_ARGUMENT field `alternateEmail`.
    public static func alternateEmailOutsidePrimaryDomain(_ email: String?, domain: String) throws(DomainError) {
        guard let email else { return }
        let host = FieldRules.domain(ofEmail: email)
        guard !FieldRules.isWithin(host, domain: domain) else {
            throw DomainError.invalid(
                field: "alternateEmail",
                reason: "\(email) is inside the primary domain \(domain); use an address outside it")
        }
    }

    /// The contact-email rules together, for create, update and sync. Invited customers are
    /// not yet required to have an alternate email.
    public static func checkContactEmails(
        admin: String, alternate: String?, domain: String, type: CustomerType, state: CustomerState
    ) throws(DomainError) {
        try adminEmailInsidePrimaryDomain(admin, domain: domain, type: type)
        if state != .invited { try alternateEmailRequiredForDomainCustomers(alternate, type: type) }
        try alternateEmailOutsidePrimaryDomain(alternate, domain: domain)
    }

    /// Rule `ordersOnlyForActiveCustomers`: licences can be bought, changed or cancelled only
    /// for an ACTIVE customer (an invited one must accept first).
    /// - Throws: FAILED_PRECONDITION field `customerId`.
    public static func requireActive(_ customer: Customer) throws(DomainError) {
        guard customer.state == .active else {
            throw DomainError.failedPrecondition(
                "customer \(customer.id) is \(customer.state.rawValue); only ACTIVE customers can order",
                field: "customerId")
        }
    }

    /// Rule `customerLifecycle`: suspend needs ACTIVE, reactivate needs SUSPENDED.
    /// - Throws: FAILED_PRECONDITION field `customerId`, naming the state.
    public static func requireState(_ customer: Customer, _ state: CustomerState, to action: String) throws(DomainError)
    {
        guard customer.state == state else {
            throw DomainError.failedPrecondition(
                "customer \(customer.id) is \(customer.state.rawValue); only \(state.rawValue) customers can be \(action)",
                field: "customerId")
        }
    }

    /// Rule `syncNeedsDifference`: a sync copies only fields that differ; with none, it is
    /// refused.
    /// - Throws: FAILED_PRECONDITION field `fields`.
    public static func syncNeedsDifference(_ chosen: [SyncField], customerId: String) throws(DomainError) {
        guard !chosen.isEmpty else {
            throw DomainError.failedPrecondition(
                "customer \(customerId) already matches its admin console; nothing to sync", field: "fields")
        }
    }

    /// Rule `deleteNeedsNoLiveSubscriptions`: a customer with live subscriptions cannot be
    /// deleted.
    /// - Throws: FAILED_PRECONDITION field `customerId`.
    public static func deleteNeedsNoLiveSubscriptions(_ hasLive: Bool, customerId: String) throws(DomainError) {
        guard !hasLive else {
            throw DomainError.failedPrecondition(
                "customer \(customerId) has live subscriptions; cancel them before deleting", field: "customerId")
        }
    }
}

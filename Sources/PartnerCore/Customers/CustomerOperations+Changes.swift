/// Changing customers: update (mask + etag), sync with the admin console, delete.
extension CustomerOperations {
    /// Company-profile fields: visible, never changed by `Customers.Update`.
    public static let readOnlyFields: Set<String> = [
        "organisationName", "primaryDomain", "customerType", "cloudIdentityId", "id",
    ]

    /// `Customers.Update`: account details, friendly name, contact info. A rename changes
    /// only `displayName`; the legal name stays in the company profile.
    ///
    /// Only the fields in the mask are validated (rule `updateValidatesItsMask`): a record
    /// that lacks a field the create path requires (an accepted invitation has no alternate
    /// email nor postal address) stays editable, and `missingProfileFields` shows what it lacks.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`; ABORTED field `etag` when
    ///   stale; INVALID_ARGUMENT field `updateMask` for unknown or read-only fields, or the
    ///   offending field for a broken rule.
    public func update(_ input: CustomerUpdate, caller: Caller, in tx: any StoreWriting) throws -> Customer {
        try Policy.authorize(.customersUpdate, caller)
        var customer = try Self.fetch(input.customerId, partnerId: caller.partnerId, in: tx)
        try customer.checkEtag(input.etag, kind: "customer", id: customer.id)
        let fields = try Self.maskedFields(input)
        let before = Self.summary(customer)
        for field in fields {
            switch field {
            case .displayName:
                customer.displayName = try FieldRules.requireText(input.displayName, field: "displayName")
            case .postalAddress:
                customer.postalAddress = try AddressRules.postalAddress(input.postalAddress, field: "postalAddress")
            case .primaryAdminEmail:
                customer.primaryAdminEmail = try FieldRules.email(input.primaryAdminEmail, field: "primaryAdminEmail")
            case .alternateEmail:
                customer.alternateEmail = try FieldRules.optionalText(input.alternateEmail, field: "alternateEmail")
                    .map { email throws in try FieldRules.email(email, field: "alternateEmail") }
            case .phoneNumber:
                customer.phoneNumber = try FieldRules.phone(input.phoneNumber, field: "phoneNumber")
            case .languageCode:
                customer.languageCode = try FieldRules.languageTag(input.languageCode, field: "languageCode")
            case .regionCode:
                customer.regionCode = try FieldRules.regionCode(input.regionCode, field: "regionCode")
            case .timeZone:
                customer.timeZone = try FieldRules.timeZone(input.timeZone, field: "timeZone")
            case .education:
                customer.education = input.education
            }
        }
        if fields.contains(.primaryAdminEmail) {
            try CustomerRules.adminEmailInsidePrimaryDomain(
                customer.primaryAdminEmail, domain: customer.primaryDomain, type: customer.customerType)
        }
        if fields.contains(.alternateEmail) {
            if customer.state != .invited {
                try CustomerRules.alternateEmailRequiredForDomainCustomers(
                    customer.alternateEmail, type: customer.customerType)
            }
            try CustomerRules.alternateEmailOutsidePrimaryDomain(
                customer.alternateEmail, domain: customer.primaryDomain)
        }
        return try commit(
            customer, before: before, operation: .customersUpdate, event: "customer.updated", caller: caller, in: tx)
    }

    /// `Customers.SyncWithAdminConsole`: copies the chosen fields (default: every differing
    /// one) from the admin console, once. Syncing the domain moves the primary admin email to
    /// the new domain when it was an address of the old one.
    /// - Throws: PERMISSION_DENIED (admin agents); NOT_FOUND; ABORTED on a stale etag;
    ///   FAILED_PRECONDITION field `fields` when nothing chosen differs, or when the customer
    ///   has no admin console account; ALREADY_EXISTS field `primaryDomain` when the new domain
    ///   is held by another domain customer; INVALID_ARGUMENT when the result breaks an email rule.
    public func syncWithAdminConsole(
        _ customerId: String, fields: [SyncField]? = nil, etag: String? = nil, caller: Caller, in tx: any StoreWriting
    ) throws -> Customer {
        try Policy.authorize(.customersSyncWithAdminConsole, caller)
        var customer = try Self.fetch(customerId, partnerId: caller.partnerId, in: tx)
        try customer.checkEtag(etag, kind: "customer", id: customer.id)
        guard let account = try context.adminConsole.account(customerId: customer.id, in: tx) else {
            throw DomainError.failedPrecondition(
                "customer \(customer.id) has no admin console account", field: "customerId")
        }
        // The account itself, whatever the customer's copy says: a sync copies the admin
        // console's values as they are, and refreshes the copy with them.
        let upstream = UpstreamFields(account)
        customer.upstream = upstream
        let differing = AdminConsoleMismatch.between(customer, upstream)?.fields ?? []
        let chosen = differing.filter { fields?.contains($0) ?? true }
        try CustomerRules.syncNeedsDifference(chosen, customerId: customer.id)
        let before = Self.summary(customer)
        if chosen.contains(.primaryDomain) {
            let old = customer.primaryDomain
            customer.primaryDomain = upstream.domain
            if FieldRules.domain(ofEmail: customer.primaryAdminEmail) == old,
                let at = customer.primaryAdminEmail.lastIndex(of: "@")
            {
                customer.primaryAdminEmail = customer.primaryAdminEmail[..<at] + "@" + upstream.domain
            }
            try CustomerRules.domainUniqueAmongDomainCustomers(
                upstream.domain, type: customer.customerType, excluding: customer.id, in: tx)
        }
        if chosen.contains(.alternateEmail) { customer.alternateEmail = upstream.alternateEmail }
        // Rule `upstreamRenameKeepsFriendlyName`: the legal name follows the admin console;
        // the friendly displayName never does.
        if chosen.contains(.organisationName) { customer.organisationName = upstream.organisationName }
        try CustomerRules.checkContactEmails(
            admin: customer.primaryAdminEmail, alternate: customer.alternateEmail, domain: customer.primaryDomain,
            type: customer.customerType, state: customer.state)
        return try commit(
            customer, before: before, operation: .customersSyncWithAdminConsole, event: "customer.synced",
            caller: caller, in: tx)
    }

    /// `Customers.Delete`: refused while the customer has live subscriptions; afterwards the
    /// customer answers NOT_FOUND, its domain is free again and its admin console account is
    /// unlinked.
    /// - Throws: PERMISSION_DENIED (admin agents); NOT_FOUND; ABORTED on a stale etag;
    ///   FAILED_PRECONDITION field `customerId` while live subscriptions exist.
    public func delete(_ customerId: String, etag: String? = nil, caller: Caller, in tx: any StoreWriting) throws
        -> Customer
    {
        try Policy.authorize(.customersDelete, caller)
        var customer = try Self.fetch(customerId, partnerId: caller.partnerId, in: tx)
        try customer.checkEtag(etag, kind: "customer", id: customer.id)
        let live = try context.liveSubscriptions.hasLiveSubscriptions(
            partnerId: caller.partnerId, customerId: customer.id, in: tx)
        try CustomerRules.deleteNeedsNoLiveSubscriptions(live, customerId: customer.id)
        let before = Self.summary(customer)
        customer.state = .deleted
        try context.adminConsole.release(customerId: customer.id, in: tx)
        for invitation in try tx.list(
            Invitation.self, partnerId: caller.partnerId, lookupKey: "customer:\(customer.id)", after: nil, limit: .max)
        where invitation.state == .pending {
            var closed = invitation
            closed.state = .revoked
            try tx.put(closed)
        }
        return try commit(
            customer, before: before, operation: .customersDelete, event: "customer.deleted", caller: caller, in: tx)
    }

    /// Stores a changed customer with the next version, audits the changed fields and emits
    /// the event.
    func commit(
        _ changed: Customer, before: [String: String], operation: Operation, event: String, caller: Caller,
        in tx: any StoreWriting
    ) throws -> Customer {
        var customer = changed
        customer.adminConsoleMismatch = nil
        customer.advanceVersion(at: context.now())
        do { try tx.put(customer) } catch let error as StoreError where error.code == .duplicateKey {
            throw DomainError.alreadyExists(
                field: "primaryDomain", "domain \(customer.primaryDomain) is already held by a domain customer")
        }
        let change = Audit.diff(before, Self.summary(customer))
        try Audit.record(
            operation, target: customer.id, before: change.before, after: change.after, caller: caller,
            context: context, in: tx)
        try Events.emit(
            event, resourceId: customer.id, customerId: customer.id, data: change.after, partnerId: caller.partnerId,
            context: context, in: tx)
        return customer
    }

    /// The fields an update changes: its mask, or every field given a value when the mask is
    /// empty.
    /// - Throws: INVALID_ARGUMENT field `updateMask` for a read-only or unknown name.
    static func maskedFields(_ input: CustomerUpdate) throws(DomainError) -> [CustomerUpdate.Field] {
        if input.updateMask.isEmpty {
            let given: [(CustomerUpdate.Field, Bool)] = [
                (.displayName, input.displayName != nil), (.postalAddress, input.postalAddress != nil),
                (.primaryAdminEmail, input.primaryAdminEmail != nil), (.alternateEmail, input.alternateEmail != nil),
                (.phoneNumber, input.phoneNumber != nil), (.languageCode, input.languageCode != nil),
                (.regionCode, input.regionCode != nil), (.timeZone, input.timeZone != nil),
                (.education, input.education != nil),
            ]
            let fields = given.filter(\.1).map(\.0)
            guard !fields.isEmpty else {
                throw DomainError.invalid(field: "updateMask", reason: "names no field to change")
            }
            return fields
        }
        var fields: [CustomerUpdate.Field] = []
        for name in input.updateMask {
            if readOnlyFields.contains(name) {
                throw DomainError.invalid(field: "updateMask", reason: "\(name) is read-only (company profile)")
            }
            guard let field = CustomerUpdate.Field(rawValue: name) else {
                throw DomainError.invalid(
                    field: "updateMask", reason: "\(name) is not a field of a customer that can be updated")
            }
            if !fields.contains(field) { fields.append(field) }
        }
        return fields
    }
}

/// `Contacts.*`: contacts of the partner and of each customer.
public struct ContactOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Bytes of randomness in an email-verification token (256 bits).
    public static let tokenBytes = 32

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// `Contacts.Create`: from a user or for an outside person.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId` / `userId` (the user must be
    ///   of the same partner or customer); INVALID_ARGUMENT (`types`, `firstName`, `lastName`,
    ///   `businessEmail`, `businessPhone`, `jobTitle`); ALREADY_EXISTS field `userId` when the
    ///   user already backs a contact.
    public func create(_ input: NewContact, caller: Caller, in tx: any StoreWriting) throws -> Contact {
        try Policy.authorize(.contactsCreate, caller)
        if let customerId = input.customerId {
            _ = try CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx)
        }
        try ContactRules.contactHasType(input.types)
        var first = input.firstName
        var last = input.lastName
        var email = input.businessEmail
        if let userId = input.userId {
            let user = try UserOperations.fetch(
                userId, partnerId: caller.partnerId, customerId: input.customerId, in: tx)
            first = first ?? user.firstName
            last = last ?? user.lastName
            email = email ?? user.email
        }
        let required = try ContactRules.contactNameAndEmailRequired(
            firstName: first, lastName: last, businessEmail: email)
        var contact = Contact(
            id: context.ids.next("con"), partnerId: caller.partnerId, customerId: input.customerId,
            userId: input.userId,
            firstName: required.firstName, lastName: required.lastName, businessEmail: required.businessEmail,
            businessPhone: try FieldRules.phone(input.businessPhone, field: "businessPhone"),
            jobTitle: try FieldRules.optionalText(input.jobTitle, field: "jobTitle", maxLength: 100),
            types: input.types, time: context.now())
        // Rule `onePrimaryPerType`: the first contact of a type in its scope is its primary.
        let taken = Set(try scopeContacts(contact.scope, caller: caller, in: tx).flatMap { $0.primaryFor ?? [] })
        let primary = contact.types.filter { !taken.contains($0) }
        contact.primaryFor = primary.isEmpty ? nil : primary
        do { try tx.put(contact) } catch let error as StoreError where error.code == .duplicateKey {
            throw DomainError.alreadyExists(field: "userId", "user \(input.userId ?? "") already backs a contact")
        }
        try Audit.record(
            .contactsCreate, target: contact.id, after: summary(contact), caller: caller, context: context, in: tx)
        try Events.emit(
            "contact.created", resourceId: contact.id, customerId: contact.customerId, partnerId: caller.partnerId,
            context: context, in: tx)
        return contact
    }

    /// `Contacts.List`: the partner's contacts (no `customerId`) or one customer's.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`; INVALID_ARGUMENT paging.
    public func list(customerId: String?, page: PageRequest, caller: Caller, in tx: any StoreReading) throws -> Page<
        Contact
    > {
        try Policy.authorize(.contactsList, caller)
        if let customerId { _ = try CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx) }
        return try Page.collect(
            Contact.self, partnerId: caller.partnerId, lookupKey: customerId.map { "customer:\($0)" } ?? "partner",
            query: "contacts", request: page, tokens: context.pageTokens, in: tx, transform: { $0 })
    }

    /// `Contacts.Update`. For a user-linked contact a new business email is not applied: it
    /// becomes `pendingEmail`, a verification message goes to the new address, and the old
    /// email stays in force until `confirmEmail`. Outside contacts change at once.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `contactId`; ABORTED field `etag`;
    ///   INVALID_ARGUMENT naming the field.
    public func update(_ input: ContactUpdate, caller: Caller, in tx: any StoreWriting) throws -> Contact {
        try Policy.authorize(.contactsUpdate, caller)
        var contact = try fetch(input.contactId, caller: caller, in: tx)
        try contact.checkEtag(input.etag, kind: "contact", id: contact.id)
        let before = summary(contact)
        if let first = input.firstName { contact.firstName = try FieldRules.requireText(first, field: "firstName") }
        if let last = input.lastName { contact.lastName = try FieldRules.requireText(last, field: "lastName") }
        if let phone = input.businessPhone {
            contact.businessPhone = try FieldRules.phone(phone, field: "businessPhone")
        }
        if let title = input.jobTitle {
            contact.jobTitle = try FieldRules.optionalText(title, field: "jobTitle", maxLength: 100)
        }
        if let types = input.types {
            try ContactRules.contactHasType(types)
            let dropped = (contact.primaryFor ?? []).filter { !types.contains($0) }
            let others = try scopeContacts(contact.scope, caller: caller, in: tx).filter { $0.id != contact.id }
            let stillHeld = dropped.filter { type in others.contains { $0.types.contains(type) } }
            guard stillHeld.isEmpty else {
                throw DomainError.failedPrecondition(
                    "contact \(contact.id) is the primary \(stillHeld.map(\.rawValue).joined(separator: ", ")) contact; make another contact primary (Contacts.SetPrimary) before removing the type",
                    field: "types")
            }
            contact.types = types.sorted()
            let kept = (contact.primaryFor ?? []).filter { types.contains($0) }
            let taken = Set(others.flatMap { $0.primaryFor ?? [] })
            let primary = Set(kept + types.filter { !taken.contains($0) }).sorted()
            contact.primaryFor = primary.isEmpty ? nil : primary
        }
        if let requested = input.businessEmail {
            let email = try FieldRules.email(requested, field: "businessEmail")
            if email.lowercased() == contact.businessEmail.lowercased() {
                contact.pendingEmail = nil
                try supersedePendingChanges(of: contact.id, partnerId: caller.partnerId, in: tx)
            } else if contact.userId == nil {
                contact.businessEmail = email
            } else {
                try requestEmailChange(&contact, to: email, caller: caller, in: tx)
            }
        }
        try tx.putNextVersion(&contact, at: context.now())
        try Audit.recordChange(
            .contactsUpdate, target: contact.id, from: before, to: summary(contact), caller: caller, context: context,
            in: tx)
        try Events.emit(
            "contact.updated", resourceId: contact.id, customerId: contact.customerId, partnerId: caller.partnerId,
            context: context, in: tx)
        return contact
    }

    /// `Contacts.Delete`: removes the contact. A user-linked contact's user stays; it simply
    /// has no contact types any more. Pending email changes die with the contact. Deleting a
    /// primary contact names its successor (rule `primaryNeedsSuccessor`) when other contacts
    /// of the scope have that type; the successor becomes primary.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `contactId` / `successorContactId`;
    ///   FAILED_PRECONDITION field `successorContactId` when a successor is needed and missing,
    ///   or lacks a type it would become primary for.
    public func delete(contactId: String, successorContactId: String? = nil, caller: Caller, in tx: any StoreWriting)
        throws -> Contact
    {
        try Policy.authorize(.contactsDelete, caller)
        let contact = try fetch(contactId, caller: caller, in: tx)
        let others = try scopeContacts(contact.scope, caller: caller, in: tx).filter { $0.id != contact.id }
        let handOver = (contact.primaryFor ?? []).filter { type in others.contains { $0.types.contains(type) } }
        if !handOver.isEmpty {
            let names = handOver.map(\.rawValue).joined(separator: ", ")
            guard let successorContactId, !successorContactId.isEmpty else {
                throw DomainError.failedPrecondition(
                    "contact \(contact.id) is the primary \(names) contact; name its successor in successorContactId",
                    field: "successorContactId")
            }
            guard var successor = others.first(where: { $0.id == successorContactId }) else {
                throw DomainError.notFound("contact", successorContactId, field: "successorContactId")
            }
            let lacking = handOver.filter { !successor.types.contains($0) }
            guard lacking.isEmpty else {
                throw DomainError.failedPrecondition(
                    "contact \(successor.id) is not a \(lacking.map(\.rawValue).joined(separator: ", ")) contact and cannot succeed as its primary",
                    field: "successorContactId")
            }
            successor.primaryFor = Set((successor.primaryFor ?? []) + handOver).sorted()
            try tx.putNextVersion(&successor, at: context.now())
            try Audit.record(
                .contactsDelete, target: successor.id, after: ["primaryFor": names], caller: caller, context: context,
                in: tx)
        }
        try supersedePendingChanges(of: contact.id, partnerId: caller.partnerId, in: tx)
        try tx.delete(Contact.self, id: contact.id)
        try Audit.record(
            .contactsDelete, target: contact.id, before: summary(contact), caller: caller, context: context, in: tx)
        try Events.emit(
            "contact.deleted", resourceId: contact.id, customerId: contact.customerId, partnerId: caller.partnerId,
            context: context, in: tx)
        return contact
    }

    /// `Contacts.SetPrimary`: makes the contact its scope's primary contact of `type`; the
    /// previous primary of that type loses it.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `contactId`; ABORTED field `etag`;
    ///   FAILED_PRECONDITION field `type` when the contact does not have that type.
    public func setPrimary(
        contactId: String, type: ContactType, etag: String? = nil, caller: Caller, in tx: any StoreWriting
    ) throws -> Contact {
        try Policy.authorize(.contactsSetPrimary, caller)
        var contact = try fetch(contactId, caller: caller, in: tx)
        try contact.checkEtag(etag, kind: "contact", id: contact.id)
        guard contact.types.contains(type) else {
            throw DomainError.failedPrecondition(
                "contact \(contact.id) is not a \(type.rawValue) contact; add the type first", field: "type")
        }
        guard !(contact.primaryFor ?? []).contains(type) else { return contact }
        let now = context.now()
        for var previous in try scopeContacts(contact.scope, caller: caller, in: tx)
        where previous.id != contact.id && (previous.primaryFor ?? []).contains(type) {
            let rest = (previous.primaryFor ?? []).filter { $0 != type }
            previous.primaryFor = rest.isEmpty ? nil : rest
            try tx.putNextVersion(&previous, at: now)
        }
        contact.primaryFor = Set((contact.primaryFor ?? []) + [type]).sorted()
        try tx.putNextVersion(&contact, at: now)
        try Audit.record(
            .contactsSetPrimary, target: contact.id, after: ["primaryFor": type.rawValue], caller: caller,
            context: context, in: tx)
        try Events.emit(
            "contact.primary_changed", resourceId: contact.id, customerId: contact.customerId,
            data: ["type": type.rawValue], partnerId: caller.partnerId, context: context, in: tx)
        return contact
    }

    /// The contacts of one scope (`customer:<id>` or `partner`).
    private func scopeContacts(_ scope: String, caller: Caller, in tx: any StoreReading) throws -> [Contact] {
        try tx.list(Contact.self, partnerId: caller.partnerId, lookupKey: scope, after: nil, limit: .max)
    }

    /// `Contacts.ConfirmEmail` (token-based, no agent): applies the pending email to the
    /// contact and its user.
    /// - Throws: NOT_FOUND field `token` for an unknown token; FAILED_PRECONDITION field
    ///   `token` when it was used, replaced, or expired; ALREADY_EXISTS field `businessEmail`
    ///   when the user's scope got another user with that email meanwhile.
    public func confirmEmail(token: String, in tx: any StoreWriting) throws -> Contact {
        guard var change = try tx.find(EmailChange.self, uniqueKey: "token:\(SHA256.hex(token))") else {
            throw DomainError(.notFound, "no email change has this token", field: "token")
        }
        let now = context.now()
        switch change.state {
        case .confirmed: throw DomainError.failedPrecondition("this email change was already confirmed", field: "token")
        case .superseded:
            throw DomainError.failedPrecondition("this email change was replaced or withdrawn", field: "token")
        case .pending: break
        }
        guard now < change.expireTime else {
            throw DomainError.failedPrecondition("this confirmation expired at \(change.expireTime)", field: "token")
        }
        guard var contact = try tx.get(Contact.self, id: change.contactId), contact.partnerId == change.partnerId,
            contact.pendingEmail == change.newEmail
        else { throw DomainError.failedPrecondition("the contact no longer awaits this email change", field: "token") }
        let old = contact.businessEmail
        contact.businessEmail = change.newEmail
        contact.pendingEmail = nil
        try tx.putNextVersion(&contact, at: now)
        if let userId = contact.userId, var user = try tx.get(User.self, id: userId) {
            user.email = change.newEmail
            do { try tx.put(user) } catch let error as StoreError where error.code == .duplicateKey {
                throw DomainError.alreadyExists(
                    field: "businessEmail", "another user already has email \(change.newEmail)")
            }
        }
        change.state = .confirmed
        try tx.put(change)
        try Audit.recordUnattended(
            method: "Contacts.ConfirmEmail", target: contact.id, partnerId: contact.partnerId, actor: "contact",
            before: ["businessEmail": old], after: ["businessEmail": contact.businessEmail], context: context, in: tx)
        try Events.emit(
            "contact.email_confirmed", resourceId: contact.id, customerId: contact.customerId,
            partnerId: contact.partnerId, context: context, in: tx)
        return contact
    }

    private func requestEmailChange(_ contact: inout Contact, to email: String, caller: Caller, in tx: any StoreWriting)
        throws
    {
        try supersedePendingChanges(of: contact.id, partnerId: caller.partnerId, in: tx)
        let token = IDGenerator.randomToken(bytes: Self.tokenBytes)
        let now = context.now()
        let change = EmailChange(
            id: context.ids.next("ecg"), partnerId: caller.partnerId, contactId: contact.id, newEmail: email,
            tokenHash: SHA256.hex(token), expireTime: now.adding(milliseconds: context.verificationLifetimeMs),
            createTime: now)
        try tx.put(change)
        contact.pendingEmail = email
        try Outbox.send(
            to: [email], subject: "Confirm your new email address",
            text: """
                Hello \(contact.firstName),

                Someone asked to change the email of your contact entry from \(contact.businessEmail) to \(email).
                To confirm, use this one-time code before \(change.expireTime):

                \(token)

                Until you confirm, messages keep going to \(contact.businessEmail).
                """,
            kind: .emailVerification, related: [contact.id, change.id], partnerId: caller.partnerId, context: context,
            in: tx)
    }

    private func supersedePendingChanges(of contactId: String, partnerId: String, in tx: any StoreWriting) throws {
        for var change in try tx.list(
            EmailChange.self, partnerId: partnerId, lookupKey: "contact:\(contactId)", after: nil, limit: .max)
        where change.state == .pending {
            change.state = .superseded
            try tx.put(change)
        }
    }

    private func fetch(_ id: String, caller: Caller, in tx: any StoreReading) throws -> Contact {
        guard let contact = try tx.get(Contact.self, id: id), contact.partnerId == caller.partnerId else {
            throw DomainError.notFound("contact", id, field: "contactId")
        }
        if let customerId = contact.customerId {
            guard (try? CustomerOperations.fetch(customerId, partnerId: caller.partnerId, in: tx)) != nil else {
                throw DomainError.notFound("contact", id, field: "contactId")
            }
        }
        return contact
    }

    private func summary(_ c: Contact) -> [String: String] {
        [
            "firstName": c.firstName, "lastName": c.lastName, "businessEmail": c.businessEmail,
            "businessPhone": c.businessPhone ?? "", "jobTitle": c.jobTitle ?? "",
            "types": c.types.map(\.rawValue).joined(separator: ","), "pendingEmail": c.pendingEmail ?? "",
            "userId": c.userId ?? "", "primaryFor": (c.primaryFor ?? []).map(\.rawValue).joined(separator: ","),
        ]
    }
}

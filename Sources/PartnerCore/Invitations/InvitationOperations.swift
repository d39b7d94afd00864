/// `Invitations.*`: invite a customer by email, resend, revoke, and the token-based accept.
public struct InvitationOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Bytes of randomness in an invitation token (256 bits).
    public static let tokenBytes = 32

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// `Invitations.Send`: creates the customer INVITED (DOMAIN type, the invitee as super
    /// admin) and emails a one-time, expiring token.
    /// - Throws: PERMISSION_DENIED (sales agents); INVALID_ARGUMENT (`name`, `email`,
    ///   `domain`, `organisationName`, `regionCode`, `languageCode`, `timeZone`; the email must be inside the domain);
    ///   ALREADY_EXISTS field `domain` when a domain customer holds it; FAILED_PRECONDITION
    ///   field `domain` for a non-resellable edition.
    public func send(_ input: NewInvitation, caller: Caller, in tx: any StoreWriting) throws -> SentInvitation {
        try Policy.authorize(.invitationsSend, caller)
        let name = try FieldRules.requireText(input.name, field: "name")
        let organisation = try CustomerRules.organisationNameRequired(input.organisationName)
        let domain = try FieldRules.registeredDomain(input.domain, field: "domain")
        let email = try FieldRules.email(input.email, field: "email")
        guard FieldRules.isWithin(FieldRules.domain(ofEmail: email), domain: domain) else {
            throw DomainError.invalid(field: "email", reason: "\(email) must be an address of the domain \(domain)")
        }
        // Only what the invitation says: nothing is invented (the customer completes the rest).
        let region = try input.regionCode.map { code throws in try FieldRules.regionCode(code, field: "regionCode") }
        let language = try input.languageCode.map { tag throws in
            try FieldRules.languageTag(tag, field: "languageCode")
        }
        let zone = try input.timeZone.map { zone throws in try FieldRules.timeZone(zone, field: "timeZone") }
        // The customer rules speak of its `primaryDomain`; the caller sent it as `domain`.
        let stored = try DomainError.reporting("primaryDomain", as: "domain") {
            try CustomerRules.domainUniqueAmongDomainCustomers(domain, type: .domain, in: tx)
            if let upstream = try context.adminConsole.account(domain: domain, in: tx) {
                try CustomerRules.requireResellableEdition(upstream)
            }
            let customers = CustomerOperations(context: context)
            let customer = Customer(
                id: context.ids.next("cus"), partnerId: caller.partnerId, organisationName: organisation,
                displayName: organisation, primaryDomain: domain, customerType: .domain, education: nil,
                cloudIdentityId: "",
                postalAddress: nil, primaryAdminEmail: email, alternateEmail: nil, phoneNumber: nil,
                languageCode: language, regionCode: region, timeZone: zone, state: .invited, time: context.now())
            return try customers.insertLinked(customer, in: tx)
        }
        let invitation = try issue(to: stored, name: name, caller: caller, in: tx)
        try Audit.record(
            .invitationsSend, target: stored.id,
            after: ["state": "INVITED", "email": email, "invitationId": invitation.id],
            caller: caller, context: context, in: tx)
        try Events.emit(
            "customer.invited", resourceId: stored.id, customerId: stored.id, partnerId: caller.partnerId,
            context: context, in: tx)
        return SentInvitation(customer: stored, invitation: invitation)
    }

    /// `Invitations.Resend`: a new token goes out; the previous one stops working.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`; FAILED_PRECONDITION when the
    ///   customer is not INVITED.
    public func resend(customerId: String, caller: Caller, in tx: any StoreWriting) throws -> Invitation {
        try Policy.authorize(.invitationsResend, caller)
        let customer = try invitedCustomer(customerId, caller: caller, in: tx)
        let previous = try invitations(of: customer.id, partnerId: caller.partnerId, in: tx)
        for var old in previous where old.state == .pending {
            old.state = .revoked
            try tx.put(old)
        }
        let name = previous.last?.name ?? customer.displayName
        let invitation = try issue(to: customer, name: name, caller: caller, in: tx)
        try Audit.record(
            .invitationsResend, target: customer.id, after: ["invitationId": invitation.id], caller: caller,
            context: context, in: tx)
        try Events.emit(
            "invitation.resent", resourceId: invitation.id, customerId: customer.id, partnerId: caller.partnerId,
            context: context, in: tx)
        return invitation
    }

    /// `Invitations.Revoke`: the pending invitation's token stops working; the customer stays
    /// INVITED (a later resend invites again).
    /// - Throws: PERMISSION_DENIED; NOT_FOUND field `customerId`; FAILED_PRECONDITION when the
    ///   customer is not INVITED or has no pending invitation.
    public func revoke(customerId: String, caller: Caller, in tx: any StoreWriting) throws -> Invitation {
        try Policy.authorize(.invitationsRevoke, caller)
        let customer = try invitedCustomer(customerId, caller: caller, in: tx)
        let now = context.now()
        guard
            var invitation = try invitations(of: customer.id, partnerId: caller.partnerId, in: tx)
                .last(where: { $0.state(at: now) == .pending })
        else {
            throw DomainError.failedPrecondition(
                "customer \(customer.id) has no pending invitation", field: "customerId")
        }
        invitation.state = .revoked
        try tx.put(invitation)
        try Audit.record(
            .invitationsRevoke, target: customer.id, before: ["invitation": "PENDING"],
            after: ["invitation": "REVOKED"],
            caller: caller, context: context, in: tx)
        try Events.emit(
            "invitation.revoked", resourceId: invitation.id, customerId: customer.id, partnerId: caller.partnerId,
            context: context, in: tx)
        return invitation
    }

    /// `Invitations.Accept` (token-based, no agent): makes the customer ACTIVE. A token works
    /// once, before its expiry.
    /// - Throws: NOT_FOUND field `token` for an unknown token; FAILED_PRECONDITION field
    ///   `token` when it was already used, revoked, replaced or has expired.
    public func accept(token: String, in tx: any StoreWriting) throws -> Customer {
        let hash = SHA256.hex(token)
        guard var invitation = try tx.find(Invitation.self, uniqueKey: "token:\(hash)") else {
            throw DomainError(.notFound, "no invitation has this token", field: "token")
        }
        let now = context.now()
        switch invitation.state(at: now) {
        case .pending: break
        case .accepted: throw DomainError.failedPrecondition("this invitation was already accepted", field: "token")
        case .revoked:
            throw DomainError.failedPrecondition(
                "this invitation was revoked or replaced by a newer one", field: "token")
        case .expired:
            throw DomainError.failedPrecondition("this invitation expired at \(invitation.expireTime)", field: "token")
        }
        var customer = try CustomerOperations.fetch(invitation.customerId, partnerId: invitation.partnerId, in: tx)
        guard customer.state == .invited else {
            throw DomainError.failedPrecondition(
                "customer \(customer.id) is \(customer.state.rawValue), not INVITED", field: "token")
        }
        invitation.state = .accepted
        invitation.acceptTime = now
        try tx.put(invitation)
        customer.state = .active
        try tx.putNextVersion(&customer, at: now)
        try Audit.recordUnattended(
            method: "Invitations.Accept", target: customer.id, partnerId: customer.partnerId, actor: "customer",
            before: ["state": "INVITED"], after: ["state": "ACTIVE"], context: context, in: tx)
        try Events.emit(
            "customer.activated", resourceId: customer.id, customerId: customer.id, partnerId: customer.partnerId,
            context: context, in: tx)
        return customer
    }

    /// Makes a pending invitation and queues its email; returns the invitation.
    private func issue(to customer: Customer, name: String, caller: Caller, in tx: any StoreWriting) throws
        -> Invitation
    {
        let token = IDGenerator.randomToken(bytes: Self.tokenBytes)
        let now = context.now()
        let invitation = Invitation(
            id: context.ids.next("inv"), partnerId: caller.partnerId, customerId: customer.id, name: name,
            email: customer.primaryAdminEmail, tokenHash: SHA256.hex(token),
            expireTime: now.adding(milliseconds: context.invitationLifetimeMs), createTime: now)
        try tx.put(invitation)
        let partnerName = try tx.get(Partner.self, id: caller.partnerId)?.name ?? "Your reseller"
        try Outbox.send(
            to: [invitation.email], subject: "\(partnerName) invites \(customer.organisationName)",
            text: """
                Hello \(name),

                \(partnerName) invites \(customer.organisationName) (\(customer.primaryDomain)) to manage its subscriptions through them.
                To accept, use this one-time code before \(invitation.expireTime):

                \(token)

                The code works once. If you did not expect this message, ignore it.
                """,
            kind: .invitation, related: [customer.id, invitation.id], partnerId: caller.partnerId, context: context,
            in: tx)
        return invitation
    }

    private func invitedCustomer(_ id: String, caller: Caller, in tx: any StoreReading) throws -> Customer {
        let customer = try CustomerOperations.fetch(id, partnerId: caller.partnerId, in: tx)
        guard customer.state == .invited else {
            throw DomainError.failedPrecondition(
                "customer \(customer.id) is \(customer.state.rawValue), not INVITED", field: "customerId")
        }
        return customer
    }

    private func invitations(of customerId: String, partnerId: String, in tx: any StoreReading) throws -> [Invitation] {
        try tx.list(Invitation.self, partnerId: partnerId, lookupKey: "customer:\(customerId)", after: nil, limit: .max)
    }
}

/// `Partners.*`: the partner's own profile, and creating partners (bootstrap, no caller).
public struct PartnerOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// Creates a partner with one agent holding both roles and a first token for it. Used by
    /// the server's first start and by `partner-server create-partner`; needs no caller.
    /// - Returns: the partner, its agent, and the bearer text (shown once).
    /// - Throws: INVALID_ARGUMENT field `name` when the name is empty or too long.
    public func createPartner(
        name: String, agentName: String = "Administrator", agentEmail: String? = nil, in tx: any StoreWriting
    ) throws -> (partner: Partner, agent: Agent, token: String) {
        let name = try FieldRules.requireText(name, field: "name")
        let now = context.now()
        let partner = Partner(id: context.ids.next("ptn"), name: name, time: now)
        try tx.put(partner)
        let email = try FieldRules.email(agentEmail ?? "admin@partner.invalid", field: "agentEmail")
        let agent = Agent(
            id: context.ids.next("agt"), partnerId: partner.id, displayName: agentName, email: email,
            roles: [.salesAgent, .adminAgent], time: now)
        try tx.put(agent)
        let issued = try TokenOperations(context: context).issue(
            for: agent, label: "bootstrap", ttlSeconds: nil, in: tx)
        try Audit.recordUnattended(
            method: "Partners.Create", target: partner.id, partnerId: partner.id, actor: "system",
            after: ["name": name, "agentId": agent.id], context: context, in: tx)
        try Events.emit("partner.created", resourceId: partner.id, partnerId: partner.id, context: context, in: tx)
        return (partner, agent, issued.secret)
    }

    /// `Partners.GetProfile`: the caller's partner.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND if the partner vanished.
    public func getProfile(caller: Caller, in tx: any StoreReading) throws -> Partner {
        try Policy.authorize(.partnersGetProfile, caller)
        guard let partner = try tx.get(Partner.self, id: caller.partnerId) else {
            throw DomainError.notFound("partner", caller.partnerId)
        }
        return partner
    }

    /// `Partners.UpdateProfile`: changes the given fields.
    /// - Throws: PERMISSION_DENIED (admin only); INVALID_ARGUMENT on a bad field; ABORTED on a
    ///   stale etag.
    public func updateProfile(_ update: PartnerProfileUpdate, caller: Caller, in tx: any StoreWriting) throws -> Partner
    {
        try Policy.authorize(.partnersUpdateProfile, caller)
        guard var partner = try tx.get(Partner.self, id: caller.partnerId) else {
            throw DomainError.notFound("partner", caller.partnerId)
        }
        try partner.checkEtag(update.etag, kind: "partner", id: partner.id)
        let before = summary(partner)
        if let name = update.name { partner.name = try FieldRules.requireText(name, field: "name") }
        if let website = update.websiteUrl {
            partner.websiteUrl = try FieldRules.optionalText(website, field: "websiteUrl", maxLength: 300)
        }
        if let phone = update.phoneNumber { partner.phoneNumber = try FieldRules.phone(phone, field: "phoneNumber") }
        if let email = update.supportEmail { partner.supportEmail = try FieldRules.email(email, field: "supportEmail") }
        try tx.putNextVersion(&partner, at: context.now())
        try Audit.recordChange(
            .partnersUpdateProfile, target: partner.id, from: before, to: summary(partner), caller: caller,
            context: context, in: tx)
        try Events.emit("partner.updated", resourceId: partner.id, partnerId: partner.id, context: context, in: tx)
        return partner
    }

    private func summary(_ p: Partner) -> [String: String] {
        [
            "name": p.name, "websiteUrl": p.websiteUrl ?? "", "phoneNumber": p.phoneNumber ?? "",
            "supportEmail": p.supportEmail ?? "",
        ]
    }
}

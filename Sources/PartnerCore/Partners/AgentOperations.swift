/// `Agents.*`: the partner's agents and their roles (admin agents only).
public struct AgentOperations: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Creates the operations.
    public init(context: DomainContext) { self.context = context }

    /// `Agents.Create`.
    /// - Throws: PERMISSION_DENIED; INVALID_ARGUMENT (`displayName`, `email`, `roles` empty);
    ///   ALREADY_EXISTS field `email` when the partner has an agent with that email.
    public func create(_ input: NewAgent, caller: Caller, in tx: any StoreWriting) throws -> Agent {
        try Policy.authorize(.agentsCreate, caller)
        let name = try FieldRules.requireText(input.displayName, field: "displayName")
        let email = try FieldRules.email(input.email, field: "email")
        try Self.requireRoles(input.roles)
        let agent = Agent(
            id: context.ids.next("agt"), partnerId: caller.partnerId, displayName: name, email: email,
            roles: input.roles, time: context.now())
        do { try tx.put(agent) } catch let error as StoreError where error.code == .duplicateKey {
            throw DomainError.alreadyExists(field: "email", "an agent with email \(email) already exists")
        }
        try Audit.record(
            .agentsCreate, target: agent.id, after: summary(agent), caller: caller, context: context, in: tx)
        try Events.emit("agent.created", resourceId: agent.id, partnerId: caller.partnerId, context: context, in: tx)
        return agent
    }

    /// `Agents.List`: the partner's agents, oldest first.
    /// - Throws: PERMISSION_DENIED; INVALID_ARGUMENT on a bad page size or token.
    public func list(_ page: PageRequest, caller: Caller, in tx: any StoreReading) throws -> Page<Agent> {
        try Policy.authorize(.agentsList, caller)
        return try Page.collect(
            Agent.self, partnerId: caller.partnerId, query: "agents", request: page, tokens: context.pageTokens,
            in: tx, transform: { $0 })
    }

    /// `Agents.Update`: name, roles, disabled.
    /// - Throws: PERMISSION_DENIED; NOT_FOUND (also for another partner's agent);
    ///   INVALID_ARGUMENT; ABORTED on a stale etag; FAILED_PRECONDITION when the change would
    ///   leave the partner without an enabled admin agent.
    public func update(_ input: AgentUpdate, caller: Caller, in tx: any StoreWriting) throws -> Agent {
        try Policy.authorize(.agentsUpdate, caller)
        var agent = try Self.agent(input.agentId, of: caller.partnerId, in: tx)
        try agent.checkEtag(input.etag, kind: "agent", id: agent.id)
        let before = summary(agent)
        if let name = input.displayName { agent.displayName = try FieldRules.requireText(name, field: "displayName") }
        if let roles = input.roles {
            try Self.requireRoles(roles)
            agent.roles = roles.sorted()
        }
        if let disabled = input.disabled { agent.disabled = disabled }
        if !agent.roles.contains(.adminAgent) || agent.disabled {
            let admins = try tx.list(Agent.self, partnerId: caller.partnerId, lookupKey: nil, after: nil, limit: .max)
                .filter { $0.id != agent.id && !$0.disabled && $0.roles.contains(.adminAgent) }
            guard !admins.isEmpty else {
                throw DomainError.failedPrecondition(
                    "the partner would be left without an enabled admin agent", field: "roles")
            }
        }
        try tx.putNextVersion(&agent, at: context.now())
        try Audit.recordChange(
            .agentsUpdate, target: agent.id, from: before, to: summary(agent), caller: caller, context: context, in: tx)
        try Events.emit("agent.updated", resourceId: agent.id, partnerId: caller.partnerId, context: context, in: tx)
        return agent
    }

    /// The agent `id` of `partnerId`, or NOT_FOUND (also when it belongs to another partner).
    static func agent(_ id: String, of partnerId: String, in tx: any StoreReading) throws -> Agent {
        guard let agent = try tx.get(Agent.self, id: id), agent.partnerId == partnerId else {
            throw DomainError.notFound("agent", id, field: "agentId")
        }
        return agent
    }

    /// Rule `agentHasRole`: an agent holds one or both roles.
    /// - Throws: INVALID_ARGUMENT field `roles` when empty.
    public static func requireRoles(_ roles: Set<Role>) throws(DomainError) {
        guard !roles.isEmpty else {
            throw DomainError.invalid(field: "roles", reason: "needs salesAgent, adminAgent or both")
        }
    }

    private func summary(_ a: Agent) -> [String: String] {
        [
            "displayName": a.displayName, "email": a.email, "roles": a.roles.map(\.rawValue).joined(separator: ","),
            "disabled": String(a.disabled),
        ]
    }
}

import FramedRPC
import PartnerAPI
import ToolSupport

/// `agents ...`, `tokens ...`, `users ...`, `audit`: who may act, with which credentials, and
/// what they did.
enum AccessCommands {
    static let all: [Command] = [
        Command("agents list", summary: "the partner's agents (ID, NAME, EMAIL, ROLES, DISABLED)", run: agentsList),
        Command(
            "agents create", "--name NAME --email EMAIL --roles salesAgent,adminAgent",
            summary: "add an agent with one or both roles", run: agentsCreate),
        Command(
            "agents update", "ID [--name NAME] [--roles R,R] [--disabled true|false]",
            summary: "rename an agent, change its roles, disable or enable it (disabled agents' tokens stop working)",
            run: agentsUpdate),
        Command(
            "tokens create", "--agent ID [--label TEXT] [--ttl SECONDS]",
            summary: "issue an API token for an agent; prints the secret once", run: tokensCreate),
        Command("tokens list", "[--agent ID]", summary: "API tokens (never their secrets)", run: tokensList),
        Command("tokens revoke", "TOKEN_ID", summary: "revoke a token at once", run: tokensRevoke),
        Command("users list", "[--customer ID]", summary: "users of the partner, or of one customer", run: usersList),
        Command(
            "users create", "--first-name NAME --last-name NAME --email EMAIL [--customer ID]",
            summary: "add a user to the partner, or to a customer", run: usersCreate),
    ]

    static func roles(_ text: String) throws(CommandLineError) -> [Role] {
        var roles: [Role] = []
        for word in text.split(separator: ",") {
            guard let role = Role(rawValue: String(word)) else {
                throw CommandLineError(
                    "option --roles takes \(Role.allCases.map(\.rawValue).joined(separator: ",")), got '\(word)'")
            }
            roles.append(role)
        }
        return roles
    }

    static func agentTable(_ agents: [Agent]) -> String {
        var table = TextTable(columns: ["ID", "NAME", "EMAIL", "ROLES", "DISABLED"])
        for a in agents {
            table.add([
                a.id, a.displayName, a.email, a.roles.map(\.rawValue).joined(separator: ","), a.disabled ? "yes" : "no",
            ])
        }
        return table.render()
    }

    static func agentsList(_ args: inout CommandArguments, _ session: Session) async throws {
        try args.done()
        let agents = try await Paging.all(session, Agents.methods.list)
        try session.emit(Page(items: agents)) { agentTable($0.items) }
    }

    static func agentsCreate(_ args: inout CommandArguments, _ session: Session) async throws {
        let request = Agents.CreateRequest(
            displayName: try args.required("name"), email: try args.required("email"),
            roles: try roles(try args.required("roles")))
        try args.done()
        let agent = try await session.client.agents.create(request, options: session.call)
        try session.emit(agent) { "created agent \($0.id)\n\n" + agentTable([$0]) }
    }

    static func agentsUpdate(_ args: inout CommandArguments, _ session: Session) async throws {
        let id = try args.positional("ID")
        let name = args.value("name")
        let newRoles = try args.value("roles").map { (text) throws(CommandLineError) in try roles(text) }
        let disabled = try args.choice("disabled", ["true", "false"]).map { $0 == "true" }
        try args.done()
        guard name != nil || newRoles != nil || disabled != nil else {
            throw CommandLineError("nothing to change: give --name, --roles or --disabled")
        }
        let agents = try await Paging.all(session, Agents.methods.list)
        guard let current = agents.first(where: { $0.id == id }) else {
            throw RPCError(code: .notFound, message: "no agent \(id)")
        }
        let agent = try await session.client.agents.update(
            .init(agentId: id, etag: current.etag, displayName: name, roles: newRoles, disabled: disabled),
            options: session.call)
        try session.emit(agent) { "updated agent \($0.id)\n\n" + agentTable([$0]) }
    }

    static func tokenTable(_ tokens: [ApiToken]) -> String {
        var table = TextTable(columns: ["ID", "AGENT", "LABEL", "CREATED", "EXPIRES", "REVOKED"])
        for t in tokens {
            table.add([
                t.id, t.agentId, t.label, t.createTime, t.expireTime ?? "-", t.revokeTime ?? (t.revoked ? "yes" : "no"),
            ])
        }
        return table.render()
    }

    static func tokensCreate(_ args: inout CommandArguments, _ session: Session) async throws {
        let request = Tokens.CreateRequest(
            agentId: try args.required("agent"), label: args.value("label"),
            ttlSeconds: try args.optionalInteger("ttl", in: 1...Int(Int32.max)))
        try args.done()
        let created = try await session.client.tokens.create(request, options: session.call)
        try session.emit(created) {
            "token \($0.token.id) for \($0.token.agentId)\(($0.token.expireTime.map { ", expires \($0)" }) ?? "")\nsecret (shown once): \($0.secret)"
        }
    }

    static func tokensList(_ args: inout CommandArguments, _ session: Session) async throws {
        let agent = args.value("agent")
        try args.done()
        let tokens = try await Paging.all(session) { client, token, options throws(RPCError) in
            try await client.tokens.list(
                .init(pageSize: Paging.pageSize, pageToken: token, agentId: agent), options: options)
        }
        try session.emit(Page(items: tokens)) { tokenTable($0.items) }
    }

    static func tokensRevoke(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "TOKEN_ID", session.client.tokens.revoke,
            request: { .init(tokenId: $0) }, human: { "revoked token \($0.id) of \($0.agentId)" })
    }

    static func userTable(_ users: [User]) -> String {
        var table = TextTable(columns: ["ID", "CUSTOMER", "NAME", "EMAIL", "CONTACT TYPES"])
        for u in users {
            table.add([
                u.id, u.customerId ?? "-", "\(u.firstName) \(u.lastName)", u.email,
                u.contactTypes.map(\.rawValue).joined(separator: ","),
            ])
        }
        return table.render()
    }

    static func usersList(_ args: inout CommandArguments, _ session: Session) async throws {
        let customer = args.value("customer")
        try args.done()
        let users = try await Paging.all(session, Users.methods.list, customer: customer)
        try session.emit(Page(items: users)) { userTable($0.items) }
    }

    static func usersCreate(_ args: inout CommandArguments, _ session: Session) async throws {
        let request = Users.CreateRequest(
            customerId: args.value("customer"), firstName: try args.required("first-name"),
            lastName: try args.required("last-name"), email: try args.required("email"))
        try args.done()
        let user = try await session.client.users.create(request, options: session.call)
        try session.emit(user) { "created user \($0.id)\n\n" + userTable([$0]) }
    }
}

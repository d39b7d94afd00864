import FramedRPC
import PartnerAPI
import ToolSupport

/// `audit`: query the audit log, newest first.
enum AuditCommands {
    static let all: [Command] = [
        Command(
            "audit",
            "[--since RFC3339] [--until RFC3339] [--customer ID] [--agent ID] [--operation METHOD] [--limit N]",
            summary: "the audit log, newest first, within at most 90 days (default the last 90): who, with which "
                + "role, did what, when, under which request id",
            details: "  --limit N   entries to show (default 50, at most 10000)", run: audit)
    ]

    static func audit(_ args: inout CommandArguments, _ session: Session) async throws {
        let (since, until) = (args.value("since"), args.value("until"))
        let (customer, agent, operation) = (args.value("customer"), args.value("agent"), args.value("operation"))
        let limit = try args.integer("limit", default: 50, in: 1...10_000)
        try args.done()
        var entries: [AuditEntry] = []
        var token: String?
        repeat {
            let page = try await session.client.audit.list(
                .init(
                    pageSize: min(Paging.pageSize, limit - entries.count), pageToken: token, startTime: since,
                    endTime: until, customerId: customer, agentId: agent, operation: operation),
                options: session.call)
            entries += page.items
            token = page.nextPageToken
        } while token != nil && entries.count < limit
        try session.emit(Page(items: entries)) { page in
            var table = TextTable(columns: ["TIME", "AGENT", "ROLES", "METHOD", "TARGET", "OUTCOME", "REQUEST ID"])
            for e in page.items {
                table.add([
                    e.time, e.agentId, e.roles.map(\.rawValue).joined(separator: ","), e.method, e.target, e.outcome,
                    e.requestId ?? "-",
                ])
            }
            return table.render()
        }
    }
}

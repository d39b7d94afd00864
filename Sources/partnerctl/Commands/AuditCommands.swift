import FramedRPC
import PartnerAPI
import ToolSupport

/// `audit`: query the audit log, newest first (issue #13).
enum AuditCommands {
    static let all: [Command] = [
        Command(
            "audit", "[--since RFC3339] [--until RFC3339] [--customer ID] [--agent ID] [--operation METHOD]",
            summary: "the audit log, newest first, within at most 90 days (default the last 90)", run: audit)
    ]

    static func audit(_ args: inout CommandArguments, _ session: Session) async throws {
        let (since, until) = (args.value("since"), args.value("until"))
        let (customer, agent, operation) = (args.value("customer"), args.value("agent"), args.value("operation"))
        try args.done()
        let client = session.client
        let options = session.call
        let entries = try await Paging.all { token throws(RPCError) in
            try await client.audit.list(
                .init(
                    pageSize: Paging.pageSize, pageToken: token, startTime: since, endTime: until, customerId: customer,
                    agentId: agent, operation: operation), options: options)
        }
        try session.emit(Page(items: entries)) { page in
            var table = TextTable(columns: ["TIME", "AGENT", "METHOD", "TARGET", "OUTCOME"])
            for entry in page.items { table.add([entry.time, entry.agentId, entry.method, entry.target, entry.outcome]) }
            return table.render()
        }
    }
}

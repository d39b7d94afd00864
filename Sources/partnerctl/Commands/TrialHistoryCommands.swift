import FramedRPC
import PartnerAPI
import ToolSupport

/// `subscriptions start-paid` (convert a trial) and `subscriptions history` (every change,
/// paged through `Subscriptions.ListHistory`) (issue #13).
enum TrialHistoryCommands {
    static let all: [Command] = [
        Command(
            "subscriptions start-paid", "ID [--etag ETAG] [--reason TEXT]",
            summary: "convert a trial to paid service (billing starts now)", run: startPaid),
        Command(
            "subscriptions history", "ID", summary: "a subscription's whole history, oldest first", run: history),
    ]

    static func startPaid(_ args: inout CommandArguments, _ session: Session) async throws {
        let id = try args.positional("ID")
        let request = Subscriptions.StateChangeRequest(
            subscriptionId: id, etag: args.value("etag"), reason: args.value("reason"))
        try args.done()
        let subscription = try await session.client.subscriptions.startPaidService(request, options: session.call)
        try session.emit(subscription) { "\($0.id): paid service started, \($0.seats) seats billed from now" }
    }

    static func history(_ args: inout CommandArguments, _ session: Session) async throws {
        let id = try args.positional("ID")
        try args.done()
        let changes = try await Paging.all(session) { client, token, options throws(RPCError) in
            try await client.subscriptions.listHistory(
                .init(pageSize: Paging.pageSize, pageToken: token, subscriptionId: id), options: options)
        }
        try session.emit(Page(items: changes)) { page in
            var table = TextTable(columns: ["TIME", "ACTION", "SEATS", "AGENT", "REASON"])
            for c in page.items {
                let seats = c.fromSeats.map { "\($0) -> \(c.toSeats ?? $0)" } ?? c.toSeats.map { "\($0)" } ?? "-"
                table.add([c.time, c.action, seats, c.agentId, c.reason ?? ""])
            }
            return table.render()
        }
    }
}

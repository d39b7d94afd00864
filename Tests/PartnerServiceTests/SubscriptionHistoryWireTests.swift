import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore
import PartnerService
import Testing

/// `Subscriptions.Get` once returned a subscription's whole history, which passed the 4 MiB
/// frame limit after ~30,000 seat changes (issue #13). It now returns the 20 most recent
/// changes and `historyTruncated`; `Subscriptions.ListHistory` pages through them all.
@Suite("Subscription history over the wire")
struct SubscriptionHistoryWireTests {
    @Test("after 30,000 seat changes Get answers a small frame with the 20 latest; ListHistory pages on")
    func getStaysSmall() async throws {
        try await withPartnerServer(.inProcess, timeout: 240) { server, client in
            let (_, placed) = try await Fixtures.customerWithSubscription(client, domain: "long-history.it")
            let id = placed.id
            let stored = try await server.app.store.read { tx in try tx.get(PartnerCore.Subscription.self, id: id) }
            let partnerId = try #require(stored?.partnerId)
            let caller = Caller(partnerId: partnerId, agentId: "agt_history", roles: [.salesAgent])
            let operations = PartnerDomain(context: server.app.context).subscriptions
            // 30,000 changes in three transactions: the history Get once returned whole.
            for _ in 0..<3 {
                _ = try await server.app.store.write { tx in
                    for step in 0..<10_000 {
                        _ = try operations.changeSeats(
                            SeatChange(subscriptionId: id, delta: step % 2 == 0 ? 1 : -1), caller: caller, in: tx)
                    }
                }
            }
            let got = try await client.subscriptions.get(.init(subscriptionId: id))
            var writer = JSONWriter()
            got.encode(to: &writer)
            #expect(writer.bytes.count < 16 * 1024, "Get answered \(writer.bytes.count) bytes")
            #expect(got.history?.count == 20 && got.historyTruncated == true)
            #expect(got.history?.last?.action == "CHANGE_SEATS")

            let first = try await client.subscriptions.listHistory(.init(pageSize: 200, subscriptionId: id))
            #expect(first.items.count == 200 && first.items.first?.action == "CREATE")
            let second = try await client.subscriptions.listHistory(
                .init(pageSize: 200, pageToken: first.nextPageToken, subscriptionId: id))
            #expect(second.items.count == 200 && second.nextPageToken != nil)
        }
    }

    @Test("a trial over the wire: ordered with trial, converted by StartPaidService, its history says so")
    func trialFlow() async throws {
        try await withPartnerServer(.inProcess) { server, client in
            let customer = try await client.customers.create(Fixtures.domainCustomer("trial-flow.it"))
            let trial = try await client.orders.place(
                .init(customerId: customer.id, sku: "ess-enterprise-plus-annual", seats: 4, trial: true)
            ).subscription
            #expect(trial.trialEndTime != nil && trial.termEndTime == nil && trial.committedSeats == nil)
            server.clock.advance(days: 5)
            let paid = try await client.subscriptions.startPaidService(.init(subscriptionId: trial.id))
            #expect(paid.trialEndTime == nil && paid.termEndTime != nil && paid.committedSeats == 4)
            let history = try await client.subscriptions.get(.init(subscriptionId: trial.id)).history ?? []
            #expect(history.map(\.action) == ["CREATE_TRIAL", "START_PAID_SERVICE"])
        }
    }
}

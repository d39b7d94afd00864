import Testing

@testable import PartnerCore

/// `Subscriptions.Get` stays small however long a history grows: the 20 most recent changes
/// and a flag; `Subscriptions.ListHistory` pages through all of it (issue #13).
@Suite("Subscription history: bounded Get, paged ListHistory")
struct SubscriptionHistoryTests {
    private func listHistory(_ world: CommerceFixture, _ id: String, size: Int, token: String? = nil) throws
        -> Page<SubscriptionChange>
    {
        try world.store.readNow { tx in
            try world.subscriptions.listHistory(
                id, page: PageRequest(pageSize: size, pageToken: token), caller: world.admin, in: tx)
        }
    }

    @Test("recentHistory: after 1,000 changes Get returns the 20 most recent, in order, flagged as truncated")
    func getIsBounded() throws {
        let world = CommerceFixture()
        var subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 1)
        for step in 0..<1_000 { subscription = try world.change(subscription, delta: step % 2 == 0 ? 1 : -1) }
        let details = try world.store.readNow { tx in
            try world.subscriptions.get(subscription.id, caller: world.sales, in: tx)
        }
        #expect(details.history.count == SubscriptionOperations.recentHistoryLimit)
        #expect(details.history.map(\.sequence) == Array(982...1_001))
        #expect(details.historyTruncated)
    }

    @Test("recentHistory: a short history comes whole and unflagged")
    func shortHistory() throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 1)
        let details = try world.store.readNow { tx in
            try world.subscriptions.get(subscription.id, caller: world.sales, in: tx)
        }
        #expect(details.history.map(\.action) == [.created] && !details.historyTruncated)
    }

    @Test("listHistory: pages through every change oldest first; the token is bound to the subscription")
    func pagesThroughAll() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        var subscription = try world.buy(customer, "ws-business-starter-flex", seats: 1)
        let other = try world.buy(customer, "ci-premium-flex", seats: 1)
        for _ in 0..<60 { subscription = try world.change(subscription, delta: 1) }
        var sequences: [Int64] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try listHistory(world, subscription.id, size: 25, token: token)
            sequences += page.items.map(\.sequence)
            token = page.nextPageToken
            pages += 1
        } while token != nil
        #expect(pages == 3 && sequences == Array(1...61))

        let first = try listHistory(world, subscription.id, size: 25)
        expectDomainError(.invalidArgument, field: "pageToken") {
            try listHistory(world, other.id, size: 25, token: first.nextPageToken)
        }
        expectDomainError(.notFound, field: "subscriptionId") {
            try world.store.readNow { tx in
                try world.subscriptions.listHistory(
                    subscription.id, page: PageRequest(), caller: world.otherBoth, in: tx)
            }
        }
    }
}

import FramedRPC
import PartnerAPI

extension Subscriptions.Client {
    /// A subscription's whole history, oldest first, paged through `Subscriptions.ListHistory`
    /// (`Subscriptions.Get` returns only the 20 most recent changes).
    func wholeHistory(_ subscriptionId: String, options: RPCCallOptions = .init()) async throws(RPCError)
        -> [SubscriptionChange]
    {
        var changes: [SubscriptionChange] = []
        var token: String?
        repeat {
            let page = try await self.listHistory(
                .init(pageSize: 200, pageToken: token, subscriptionId: subscriptionId), options: options)
            changes += page.items
            token = page.nextPageToken
        } while token != nil
        return changes
    }
}

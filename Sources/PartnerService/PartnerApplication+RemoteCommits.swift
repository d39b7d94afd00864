import PartnerCore

extension PartnerApplication {
    /// When other replicas share the store, follows their commits: a change to tokens or
    /// agents empties the token cache (a revocation elsewhere applies here within
    /// milliseconds), and every commit wakes the parked `Events.Watch` calls so they read
    /// the new events. The SQLite store has no other writer, so nothing is registered.
    static func followRemoteCommits(of store: any RecordStore, tokenCache: TokenCache, feed: EventFeed) {
        guard let shared = store as? any CommitObserving else { return }
        shared.observeCommits { change in
            if change.mayInclude(ApiToken.kind) || change.mayInclude(Agent.kind) { tokenCache.invalidateAll() }
            feed.notify()
        }
    }
}

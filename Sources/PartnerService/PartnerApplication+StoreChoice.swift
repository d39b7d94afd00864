import PartnerCore
import PartnerStore
import PartnerStorePostgres

extension PartnerApplication {
    /// The store `options` ask for: PostgreSQL at `databaseURL` when set, else SQLite in
    /// `dataDirectory`.
    /// - Throws: `StoreError` when it cannot be opened.
    static func openStore(_ options: Options) async throws -> any RecordStore {
        if let url = options.databaseURL {
            return try await PostgresRecordStore.open(url: url)
        }
        return try await SQLiteRecordStore.open(
            path: SQLiteRecordStore.path(inDataFolder: options.dataDirectory), config: options.storeConfig)
    }

    /// Closes either kind of store.
    static func close(_ store: any RecordStore) async {
        switch store {
        case let sqlite as SQLiteRecordStore: await sqlite.close()
        case let postgres as PostgresRecordStore: await postgres.close()
        default: break
        }
    }

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

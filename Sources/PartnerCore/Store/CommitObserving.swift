/// A store shared with other processes (replicas) that can tell this process about commits
/// made elsewhere, so in-memory state derived from the store (a token cache, parked
/// `Events.Watch` calls) can be refreshed.
///
/// ```swift
/// if let shared = store as? any CommitObserving {
///     shared.observeCommits { change in
///         if change.mayInclude(ApiToken.kind) { tokenCache.invalidateAll() }
///         feed.notify()
///     }
/// }
/// ```
public protocol CommitObserving: Sendable {
    /// Calls `handler` (on a background thread) after another process committed a write. Also
    /// called with `RemoteCommit.unknown` whenever notifications may have been missed (the
    /// channel was re-established), so the handler must treat it as "anything changed".
    func observeCommits(_ handler: @escaping @Sendable (RemoteCommit) -> Void)
}

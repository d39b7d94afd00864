import FramedRPC
import PartnerAPI
import PartnerCore

/// `Events.Watch`: the caller's partner's change feed — every event after `afterSequence`,
/// oldest first, then each new one as its write commits, until the client cancels or the
/// deadline passes.
///
/// Memory stays bounded whatever the client does: events are read in pages of `pageSize`,
/// and each `items.send` waits for stream credit and for the connection's outbound buffer,
/// so a slow reader slows the reads instead of growing a queue. Between pages the call
/// parks on the backend's `EventFeed` until the next commit.
struct EventsService: PartnerAPI.Events.ServiceProtocol {
    let backend: PartnerBackend
    /// Events read per store read.
    var pageSize = 100

    func watch(
        _ request: PartnerAPI.Events.WatchRequest, context: RPCServerContext, items: RPCStreamWriter
    ) async throws -> PartnerAPI.Events.WatchResult {
        let journal = PartnerDomain(context: backend.context).journal
        let feed = backend.feed
        let limit = pageSize
        var after = request.afterSequence ?? 0
        var count = 0
        while true {
            let seen = feed.generation
            let resumeAfter = after
            let page = try await backend.read(context) { caller, tx in
                try journal.events(afterSequence: resumeAfter, limit: limit, caller: caller, in: tx)
            }
            for event in page {
                try await items.send(PartnerAPI.Event(event))
                count += 1
                after = event.sequence
            }
            if page.count == limit { continue }
            await feed.waitForChange(after: seen)
            if Task.isCancelled {
                throw RPCError(code: .cancelled, message: "Events.Watch ended after \(count) events: the call was cancelled")
            }
        }
    }
}

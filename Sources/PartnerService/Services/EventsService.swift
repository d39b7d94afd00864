import FramedRPC
import PartnerAPI
import PartnerCore
import Synchronization

/// `Events.Watch`: the caller's partner's change feed — every event after `afterSequence`,
/// oldest first, then each new one as its write commits, until the client cancels
/// (CANCELLED), the deadline passes (DEADLINE_EXCEEDED), or the server starts draining (the
/// call then ends normally with `{count}`, and the client resumes elsewhere with
/// `afterSequence` = the last sequence it saw).
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
        let sent = SentCount()
        guard let health = backend.feed.drainingHealth else {
            try await stream(after: request.afterSequence ?? 0, context: context, items: items, sent: sent)
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await stream(after: request.afterSequence ?? 0, context: context, items: items, sent: sent)
            }
            group.addTask {
                // Ends when the server starts draining, or when this call is cancelled.
                for await _ in health.watch("") {}
            }
            // The stream never returns; it throws when the call is cut. Reaching the next line
            // means the drain began: stop the stream and end normally.
            try await group.next()
            group.cancelAll()
            return PartnerAPI.Events.WatchResult(count: sent.value)
        }
    }

    /// Sends every event after `after`, then waits for commits and sends the new ones, until
    /// cancelled (throws CANCELLED) or a send fails.
    private func stream(
        after start: Int64, context: RPCServerContext, items: RPCStreamWriter, sent: SentCount
    ) async throws -> Never {
        let journal = PartnerDomain(context: backend.context).journal
        let feed = backend.feed
        let limit = pageSize
        var after = start
        while true {
            let seen = feed.generation
            let resumeAfter = after
            let page = try await backend.read(context) { caller, tx in
                try journal.events(afterSequence: resumeAfter, limit: limit, caller: caller, in: tx)
            }
            for event in page {
                try await items.send(PartnerAPI.Event(event))
                sent.increment()
                after = event.sequence
            }
            if page.count == limit { continue }
            await feed.waitForChange(after: seen)
            if Task.isCancelled {
                throw RPCError(
                    code: .cancelled, message: "Events.Watch ended after \(sent.value) events: the call was cancelled")
            }
        }
    }
}

/// The number of events a watch has sent, shared between its stream and its drain watcher.
private final class SentCount: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { count.load(ordering: .acquiring) }

    func increment() { count.add(1, ordering: .releasing) }
}

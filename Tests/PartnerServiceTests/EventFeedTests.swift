import PartnerService
import Synchronization
import Testing

@Suite("EventFeed: watchers wake on commits, never miss one, and never hang on cancellation")
struct EventFeedTests {
    @Test("a wait returns at once when a commit landed after the watcher read the generation")
    func commitBetweenReadAndWait() async throws {
        let feed = EventFeed()
        let seen = feed.generation
        feed.notify()
        try await feedWithin(2, "a wait after a missed commit") { await feed.waitForChange(after: seen) }
        #expect(feed.generation == seen + 1)
        #expect(feed.waiterCount == 0)
    }

    @Test("one commit wakes every parked watcher", arguments: [1, 3, 50])
    func notifyWakesAll(watchers: Int) async throws {
        let feed = EventFeed()
        let seen = feed.generation
        let woken = Counter()
        try await feedWithin(5, "\(watchers) watchers wake") {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<watchers {
                    group.addTask {
                        await feed.waitForChange(after: seen)
                        woken.add()
                    }
                }
                try? await pollFeed(5, "\(watchers) watchers parked") { feed.waiterCount == watchers }
                #expect(woken.value == 0, "no watcher may return before the commit")
                feed.notify()
            }
        }
        #expect(woken.value == watchers)
        #expect(feed.waiterCount == 0)
    }

    @Test("cancelling a parked watcher resumes it and removes it")
    func cancellationUnparks() async throws {
        let feed = EventFeed()
        let seen = feed.generation
        let waiter = Task { await feed.waitForChange(after: seen) }
        try await pollFeed(5, "the watcher parked") { feed.waiterCount == 1 }
        waiter.cancel()
        try await feedWithin(2, "the cancelled watcher returns") { await waiter.value }
        #expect(feed.waiterCount == 0)
        #expect(feed.generation == seen, "cancellation is not a commit")
    }

    @Test("a watcher already cancelled does not park")
    func cancelledBeforeWaiting() async throws {
        let feed = EventFeed()
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await feed.waitForChange(after: feed.generation)
        }
        try await feedWithin(2, "the pre-cancelled watcher returns") { await waiter.value }
        #expect(feed.waiterCount == 0)
    }

    @Test("watchers racing commits always see every generation: none is left parked after the last commit")
    func raceOfWaitsAndCommits() async throws {
        let feed = EventFeed()
        let commits = 2_000
        try await feedWithin(20, "watchers follow \(commits) commits") {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var seen = feed.generation
                        // Stop when cancelled (feedWithin's timeout): a cancelled wait returns at
                        // once, and looping on it would spin on the cooperative pool for good.
                        while seen < UInt64(commits) && !Task.isCancelled {
                            await feed.waitForChange(after: seen)
                            seen = feed.generation
                        }
                    }
                }
                group.addTask {
                    for _ in 0..<commits {
                        feed.notify()
                        await Task.yield()
                    }
                }
            }
        }
        #expect(feed.generation == UInt64(commits))
        #expect(feed.waiterCount == 0)
    }
}

/// A thread-safe count.
private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .acquiring) }
    func add() { count.add(1, ordering: .acquiringAndReleasing) }
}

/// Runs `body`, failing when it has not finished within `seconds` (it is cancelled then).
private func feedWithin(
    _ seconds: Double, _ what: String, _ body: @escaping @Sendable () async throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            try await body()
            return true
        }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return false
        }
        let finished = try await group.next() ?? false
        group.cancelAll()
        if !finished { Issue.record("\(what): not finished within \(seconds) s") }
    }
}

/// Polls `condition` until it holds, failing after `seconds`.
private func pollFeed(_ seconds: Double, _ what: String, _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("\(what): not true within \(seconds) s")
            return
        }
        try await Task.sleep(for: .milliseconds(2))
    }
}

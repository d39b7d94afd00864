import Foundation
import Glibc
import PartnerCore
import Synchronization

/// Listens on `partner_commits` on a connection of its own and calls the registered handlers
/// for each commit another replica announced. The thread waits on the socket with `poll`, so
/// a notification is handled within milliseconds of its commit.
///
/// Whenever the channel may have lost notifications (the connection broke and was opened
/// again) and, as a safety net, every `tick`, handlers get `RemoteCommit.unknown`: anything
/// derived from the store is refreshed at least that often even if a replica died between a
/// commit and its notification.
final class PostgresCommitListener: Sendable {
    private let url: String
    private let tick: Duration
    private let ownPIDs: Mutex<Set<Int32>>
    private let handlers = Mutex<[@Sendable (RemoteCommit) -> Void]>([])
    private let stopped = Atomic<Bool>(false)
    private let finished = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let done = Atomic<Bool>(false)

    /// - Parameters:
    ///   - ownPIDs: server process ids of this replica's notifier, whose notifications are
    ///     skipped (this process already knows its own commits).
    init(url: String, tick: Duration, ownPIDs: Set<Int32>) {
        self.url = url
        self.tick = tick
        self.ownPIDs = Mutex(ownPIDs)
    }

    /// Adds a handler.
    func observe(_ handler: @escaping @Sendable (RemoteCommit) -> Void) {
        handlers.withLock { $0.append(handler) }
    }

    /// Starts the listening thread; `connection` already ran `LISTEN`.
    func start(connection: PostgresConnection) {
        let thread = Thread { [self] in
            run(connection)
            done.store(true, ordering: .releasing)
            finished.withLock { $0 }?.resume()
        }
        thread.name = "partner.postgres.listener"
        thread.start()
    }

    /// Stops the thread and waits for it.
    func stop() async {
        stopped.store(true, ordering: .releasing)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = finished.withLock { slot -> Bool in
                if done.load(ordering: .acquiring) { return true }
                slot = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func deliver(_ change: RemoteCommit) {
        for handler in handlers.withLock({ $0 }) { handler(change) }
    }

    private func run(_ first: PostgresConnection) {
        var connection: PostgresConnection? = first
        var lastTick = ContinuousClock.now
        while !stopped.load(ordering: .acquiring) {
            if ContinuousClock.now - lastTick >= tick {
                lastTick = ContinuousClock.now
                deliver(.unknown)
            }
            guard let current = connection, current.isHealthy else {
                connection?.close()
                connection = nil
                if let reopened = try? Self.listen(url: url) {
                    connection = reopened
                    deliver(.unknown)
                } else {
                    Thread.sleep(forTimeInterval: 0.1)
                }
                continue
            }
            var descriptor = pollfd(fd: current.socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            guard ready > 0 else { continue }
            do {
                let own = ownPIDs.withLock { $0 }
                for notification in try current.notifications() where !own.contains(notification.pid) {
                    let kinds = notification.payload.split(separator: ",").map(String.init)
                    deliver(RemoteCommit(kinds: Set(kinds)))
                }
            } catch {
                current.close()
            }
        }
        connection?.close()
    }

    /// Opens a connection that listens on the commit channel.
    static func listen(url: String) throws -> PostgresConnection {
        let connection = try PostgresConnection(url: url, applicationName: "partner-server listener")
        try connection.execute("LISTEN \(PostgresCommitNotifier.channel)")
        return connection
    }
}

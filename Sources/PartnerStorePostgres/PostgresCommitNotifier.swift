import Dispatch
import Synchronization

/// Tells other replicas that this one committed, after the commit, on a connection of its own:
/// `SELECT pg_notify('partner_commits', '<kinds>')`. Off the write path on purpose: a NOTIFY
/// inside the write transaction would make PostgreSQL serialize the commits of every
/// notifying transaction in the database. Signals arriving while one is being sent are merged
/// into the next, so under load there is at most one notification in flight.
///
/// If this process dies between a commit and its notification, the other replicas miss that
/// one wake-up; their listeners' periodic "unknown" tick (`PostgresCommitListener`) bounds
/// how long anything stays stale.
final class PostgresCommitNotifier: Sendable {
    /// The channel every replica listens on.
    static let channel = "partner_commits"

    private let connection: PostgresConnection
    private let queue = DispatchQueue(label: "partner.postgres.notifier")
    private let pending = Mutex(Pending())

    private struct Pending {
        var kinds: Set<String> = []
        var scheduled = false
    }

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Queues a notification that records of `kinds` changed.
    func committed(kinds: Set<String>) {
        let schedule = pending.withLock { state -> Bool in
            state.kinds.formUnion(kinds)
            defer { state.scheduled = true }
            return !state.scheduled
        }
        guard schedule else { return }
        queue.async { [self] in
            let kinds = pending.withLock { state -> Set<String> in
                defer {
                    state.kinds = []
                    state.scheduled = false
                }
                return state.kinds
            }
            let payload = kinds.sorted().joined(separator: ",")
            do {
                if !connection.isHealthy { try connection.reconnect() }
                try connection.query("SELECT pg_notify($1, $2)", [Self.channel, payload])
            } catch {
                // The listeners' periodic tick covers a lost notification.
            }
        }
    }

    /// Closes the connection after any queued notification went out.
    func close() {
        queue.sync { connection.close() }
    }
}

import CSQLite
import Dispatch
import Foundation
import PartnerCore
import Synchronization

/// Copies the write-ahead log back into the database file on a thread of its own, so the
/// writer's COMMITs never wait for that copy.
///
/// The writer connection's WAL hook (installed by `install(on:)`, which replaces SQLite's
/// automatic checkpoint) reports the log's size after every COMMIT. Once it holds
/// `thresholdPages` pages this thread runs a PASSIVE checkpoint on its own connection: it
/// never blocks the writer or the readers, and SQLite reuses the log from its start at the
/// writer's next transaction once every frame was copied. Each page is copied once per
/// threshold's worth of commits however often it was written, so hot pages cost little.
/// Should the thread fall behind (or readers keep old snapshots for long), the hook runs a
/// PASSIVE checkpoint itself once the log reaches `4 x thresholdPages`, as SQLite's own
/// automatic checkpoint would.
///
/// Durability is unchanged: the checkpointing connection runs with `synchronous=FULL`, so the
/// log is synced before pages are copied and the database file after.
final class WALCheckpointer: Sendable {
    private struct State {
        var requested = false
        var stopping = false
        var stopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The log size, in pages, that starts a background checkpoint.
    let thresholdPages: Int
    private let connection: SQLiteConnection
    private let state = Mutex(State())
    private let wakeup = DispatchSemaphore(value: 0)
    private let checkpoints = Atomic<Int>(0)

    /// - Parameters:
    ///   - connection: a writable connection of its own, handed over to the thread.
    ///   - thresholdPages: the log size that starts a checkpoint; at least 1.
    init(connection: SQLiteConnection, thresholdPages: Int) throws {
        self.connection = connection
        self.thresholdPages = max(1, thresholdPages)
        try connection.execute(
            """
            PRAGMA synchronous = FULL;
            PRAGMA wal_autocheckpoint = 0;
            """
        )
    }

    /// The number of checkpoints this thread ran.
    var checkpointCount: Int { checkpoints.load(ordering: .relaxed) }

    /// Starts the thread.
    func start() {
        let thread = Thread { [self] in runLoop() }
        thread.name = "PartnerStore.checkpointer"
        thread.start()
    }

    /// Replaces `writer`'s automatic checkpoint with this one's hook. The writer must keep
    /// `self` alive as long as the connection is open.
    func install(on writer: SQLiteConnection) throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try writer.withHandle { handle in
            _ = sqlite3_wal_hook(
                handle,
                { context, database, _, pages in
                    guard let context else { return SQLITE_OK }
                    let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
                    checkpointer.logGrew(to: Int(pages), database: database)
                    return SQLITE_OK
                },
                context
            )
        }
    }

    /// Called by the writer's hook after each COMMIT with the log's size in pages.
    private func logGrew(to pages: Int, database: OpaquePointer?) {
        if pages >= 4 * thresholdPages, let database {
            // The thread fell behind: copy now, as SQLite's automatic checkpoint would. A
            // failure is not the commit's: it is retried at the next one.
            _ = sqlite3_wal_checkpoint_v2(database, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            return
        }
        guard pages >= thresholdPages else { return }
        let wake = state.withLock { s -> Bool in
            guard !s.requested, !s.stopping else { return false }
            s.requested = true
            return true
        }
        if wake { wakeup.signal() }
    }

    /// Ends the thread after its current checkpoint and closes its connection.
    func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                if s.stopped { return true }
                s.stopWaiters.append(waiter)
                s.stopping = true
                return false
            }
            if resumeNow { waiter.resume() } else { wakeup.signal() }
        }
    }

    /// Asks the thread to end, without waiting.
    func requestStop() {
        let signal = state.withLock { s -> Bool in
            guard !s.stopped, !s.stopping else { return false }
            s.stopping = true
            return true
        }
        if signal { wakeup.signal() }
    }

    private func runLoop() {
        while true {
            wakeup.wait()
            let (run, waiters) = state.withLock { s -> (Bool, [CheckedContinuation<Void, Never>]?) in
                if s.stopping {
                    s.stopped = true
                    defer { s.stopWaiters.removeAll() }
                    return (false, s.stopWaiters)
                }
                return (s.requested, nil)
            }
            if let waiters {
                connection.close()
                for waiter in waiters { waiter.resume() }
                return
            }
            if run {
                // A busy or failed checkpoint is retried when the log next reaches the threshold.
                let rc = try? connection.withHandle { handle in
                    sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                }
                if rc == SQLITE_OK { checkpoints.add(1, ordering: .relaxed) }
                // Commits made meanwhile may ask again only now: one checkpoint at a time.
                state.withLock { $0.requested = false }
            }
        }
    }
}

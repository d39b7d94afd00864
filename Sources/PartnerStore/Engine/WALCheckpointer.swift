import CSQLite
import Dispatch
import Foundation
import PartnerCore
import Synchronization

/// Copies the write-ahead log back into the database file on a thread of its own, so the
/// writer's COMMITs do not wait for that copy.
///
/// The writer connection's WAL hook (installed by `install(on:)`, which replaces SQLite's
/// automatic checkpoint) reports the log's size after every COMMIT. Once it holds
/// `thresholdPages` pages, this thread runs a PASSIVE checkpoint on its own connection: the
/// bulk of the copy, never blocking the writer or the readers, each page copied once however
/// often it was written since the last one. SQLite reuses the log from its start only when a
/// write transaction begins with every frame copied, which never happens while commits land
/// during the copy; so after the thread's pass the writer's hook copies the few frames
/// committed meanwhile itself (a PASSIVE checkpoint of that tail), and the log restarts at
/// the next transaction instead of growing without end. Should the thread fall behind, the
/// hook checkpoints the whole log once it reaches `4 x thresholdPages`, as SQLite's own
/// automatic checkpoint would.
///
/// Durability is unchanged: the checkpointing connection runs with `synchronous=FULL`, so the
/// log is synced before pages are copied and the database file after.
final class WALCheckpointer: Sendable {
    /// Where the current log generation's checkpoint stands.
    private enum Phase {
        /// Below the threshold, or no pass asked yet.
        case idle
        /// The thread has been asked to copy (or is copying) the log.
        case copying
        /// The thread's pass finished: the writer copies the tail at its next COMMIT.
        case copied
    }

    private struct State {
        var phase = Phase.idle
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
        enum Step { case none, wake, copyTail, copyAll }
        let step = state.withLock { s -> Step in
            guard !s.stopping else { return pages >= 4 * thresholdPages ? .copyAll : .none }
            switch s.phase {
            case .idle:
                guard pages >= thresholdPages else { return .none }
                s.phase = .copying
                return .wake
            case .copying:
                return pages >= 4 * thresholdPages ? .copyAll : .none
            case .copied:
                s.phase = .idle
                return pages >= thresholdPages ? .copyTail : .none
            }
        }
        switch step {
        case .none: break
        case .wake: wakeup.signal()
        case .copyTail, .copyAll:
            // A failure is not the commit's: the log is copied again at a later COMMIT.
            if let database { _ = sqlite3_wal_checkpoint_v2(database, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) }
        }
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
                return (s.phase == .copying, nil)
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
                // The writer copies the tail committed meanwhile (or, after a failure, the
                // whole log) at its next COMMIT.
                state.withLock { if $0.phase == .copying { $0.phase = .copied } }
            }
        }
    }
}

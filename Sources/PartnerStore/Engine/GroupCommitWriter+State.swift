extension GroupCommitWriter {
    /// The writer's queue and life cycle; lives inside the writer's `Mutex`. Transitions
    /// return what to do once the lock is released.
    struct State {
        private var pending: [any PendingWrite] = []
        private var sleeping = false
        private var stopping = false
        private var stopped = false
        private var stopWaiters: [CheckedContinuation<Void, Never>] = []

        /// What `enqueue` asks the caller to do.
        enum EnqueueAction {
            /// Nothing: the writer is awake and will take the job.
            case none
            /// Signal the writer, which sleeps.
            case wake
            /// The writer is stopping or stopped: fail the job.
            case reject
        }

        /// What the writer thread does next.
        enum NextAction {
            /// Run these jobs as one batch.
            case run([any PendingWrite])
            /// Wait for a signal, then ask again.
            case sleep
            /// Close the connection, resume these waiters and end the thread.
            case exit([CheckedContinuation<Void, Never>])
        }

        /// What `stop` asks the caller to do.
        enum StopAction {
            case none
            case wake
            case resumeNow
        }

        /// The number of jobs waiting for the next batch.
        var pendingCount: Int { pending.count }

        mutating func enqueue(_ job: any PendingWrite) -> EnqueueAction {
            guard !stopping else { return .reject }
            pending.append(job)
            if sleeping {
                sleeping = false
                return .wake
            }
            return .none
        }

        mutating func next(maxBatchSize: Int) -> NextAction {
            if !pending.isEmpty {
                if pending.count <= maxBatchSize {
                    defer { pending.removeAll(keepingCapacity: true) }
                    return .run(pending)
                }
                let batch = Array(pending.prefix(maxBatchSize))
                pending.removeFirst(maxBatchSize)
                return .run(batch)
            }
            if stopping {
                stopped = true
                defer { stopWaiters.removeAll() }
                return .exit(stopWaiters)
            }
            sleeping = true
            return .sleep
        }

        mutating func stop(_ waiter: CheckedContinuation<Void, Never>?) -> StopAction {
            if stopped { return waiter == nil ? .none : .resumeNow }
            if let waiter { stopWaiters.append(waiter) }
            stopping = true
            if sleeping {
                sleeping = false
                return .wake
            }
            return .none
        }
    }
}

extension ReaderPool {
    /// The pool's queue and life cycle; lives inside the pool's `Mutex`. Transitions return
    /// what to do once the lock is released.
    struct State {
        private var pending: [any PendingRead] = []
        private var head = 0
        private var sleepers = 0
        private var stopping = false
        private var running: Int
        private var stopWaiters: [CheckedContinuation<Void, Never>] = []

        init(threads: Int) {
            running = threads
        }

        /// What `enqueue` asks the caller to do.
        enum EnqueueAction {
            case none
            /// Signal one sleeping thread.
            case wakeOne
            /// The pool is stopping: fail the call.
            case reject
        }

        /// What a reader thread does next.
        enum NextAction {
            case run(any PendingRead)
            case sleep
            /// Close the connection and end the thread.
            case exit
        }

        mutating func enqueue(_ job: any PendingRead) -> EnqueueAction {
            guard !stopping else { return .reject }
            pending.append(job)
            if sleepers > 0 {
                sleepers -= 1
                return .wakeOne
            }
            return .none
        }

        mutating func next() -> NextAction {
            if head < pending.count {
                let job = pending[head]
                head += 1
                if head == pending.count {
                    pending.removeAll(keepingCapacity: true)
                    head = 0
                } else if head >= 64 && head * 2 >= pending.count {
                    pending.removeFirst(head)
                    head = 0
                }
                return .run(job)
            }
            if stopping { return .exit }
            sleepers += 1
            return .sleep
        }

        /// A thread ended; answers the waiters to resume when it was the last.
        mutating func exited() -> [CheckedContinuation<Void, Never>] {
            running -= 1
            guard running == 0 else { return [] }
            defer { stopWaiters.removeAll() }
            return stopWaiters
        }

        /// Starts stopping; answers how many sleeping threads to wake, or nil when every
        /// thread has already ended (resume the waiter now).
        mutating func stop(_ waiter: CheckedContinuation<Void, Never>?) -> Int? {
            if running == 0 { return nil }
            if let waiter { stopWaiters.append(waiter) }
            stopping = true
            defer { sleepers = 0 }
            return sleepers
        }
    }
}

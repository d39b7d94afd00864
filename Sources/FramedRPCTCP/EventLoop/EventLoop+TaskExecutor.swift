/// An event loop runs Swift concurrency jobs on its thread, so the runtime can run a
/// connection's handlers where its socket lives, with no thread hop.
///
/// ```swift
/// let loop = group.next()
/// let onLoop = await Task(executorPreference: loop) { loop.inEventLoop }.value   // true
/// ```
extension EventLoop: TaskExecutor {
    /// Queues `job` to run on the loop thread. From the loop thread itself no wakeup is
    /// needed. After the loop has stopped, jobs go to the global concurrent executor so that
    /// no task is stranded.
    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        if !submit(.job(unowned)) {
            globalConcurrentExecutor.enqueue(unowned)
        }
    }

    /// This loop as an unowned task executor.
    public func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }
}

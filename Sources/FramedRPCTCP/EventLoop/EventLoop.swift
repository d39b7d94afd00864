import CEpoll
import Glibc
import Synchronization

/// One thread running `epoll_wait`, owning the sockets registered with it, a queue of work
/// submitted from any thread, and a min-heap of timers.
///
/// Each turn of the loop: wait for readiness (or the next timer, or a wakeup), handle the
/// ready descriptors, fire due timers, run queued closures and jobs, then flush every
/// connection that queued output during the turn, so that many frames written in one turn
/// leave in one system call. Work submitted from the loop's own thread goes to a local queue
/// with no lock and no wakeup; work from other threads goes through a `Mutex`-guarded queue
/// and one `eventfd` write per batch.
///
/// An `EventLoop` is also a `TaskExecutor` (see `EventLoop+TaskExecutor.swift`): a task
/// started with `executorPreference: loop` runs its code on the loop thread.
///
/// ```swift
/// let loop = EventLoop(name: "io-0")
/// loop.execute { print("on the loop thread:", loop.inEventLoop) }
/// await loop.shutdown()
/// ```
public final class EventLoop: @unchecked Sendable {
    /// The thread name, also used in descriptions.
    public let name: String

    let epfd: Int32
    private let wakeFD: Int32
    private let remote = Mutex(RemoteQueue())
    private let threadID = Atomic<UInt>(0)
    private let thread = Mutex<pthread_t?>(nil)

    // Loop-thread state below: touched only on the loop thread (or before it starts).
    private var local: [EventLoopWork] = []
    private var running: [EventLoopWork] = []
    private var timers = TimerHeap()
    private var slots: [Slot] = []
    private var nextGeneration: UInt64 = 1
    private var turnEnd: [TCPConnection] = []
    private var turnEndRunning: [TCPConnection] = []
    /// Monotonic nanoseconds taken after the last `epoll_wait` returned.
    private(set) var now: UInt64
    /// A 64 KiB buffer shared by every connection of this loop for `read`.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// A 64 KiB buffer shared by every connection of this loop to coalesce small writes.
    let writeBuffer: UnsafeMutableRawBufferPointer

    private struct Slot {
        var generation: UInt64 = 0
        var handler: (any EventLoopSelectable)?
    }

    private struct RemoteQueue: ~Copyable {
        var work: [EventLoopWork] = []
        var wakePending = false
        var stopRequested = false
        var stopped = false
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
        var joined = false
    }

    /// The most work items run in one turn before going back to `epoll_wait`.
    private static let maxWorkPerTurn = 4096
    private static let maxEvents: Int32 = 256
    static let scratchSize = 64 * 1024

    /// Starts a loop thread named `name`.
    public init(name: String = "rpc-loop") {
        self.name = name
        epfd = epoll_create1(cepoll_EPOLL_CLOEXEC)
        precondition(epfd >= 0, "epoll_create1 failed: \(String(cString: strerror(errno)))")
        wakeFD = eventfd(0, cepoll_EFD_NONBLOCK | cepoll_EFD_CLOEXEC)
        precondition(wakeFD >= 0, "eventfd failed: \(String(cString: strerror(errno)))")
        readBuffer = .allocate(byteCount: Self.scratchSize, alignment: 16)
        writeBuffer = .allocate(byteCount: Self.scratchSize, alignment: 16)
        now = cepoll_monotonic_ns()
        _ = cepoll_ctl(epfd, cepoll_EPOLL_CTL_ADD, wakeFD, cepoll_EPOLLIN, 0)

        var tid = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(
            &tid, nil,
            { raw in
                let loop = Unmanaged<EventLoop>.fromOpaque(raw!).takeRetainedValue()
                loop.run()
                return nil
            }, context)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        threadID.store(UInt(tid), ordering: .releasing)
        thread.withLock { $0 = tid }
    }

    deinit {
        // Closed here, not when the thread exits: a late `submit` may still signal `wakeFD`.
        close(wakeFD)
        close(epfd)
        readBuffer.deallocate()
        writeBuffer.deallocate()
    }

    /// True when called on this loop's thread.
    public var inEventLoop: Bool {
        threadID.load(ordering: .acquiring) == UInt(pthread_self())
    }

    /// Runs `work` on the loop thread soon. From the loop thread itself this costs no lock and
    /// no system call. Work submitted after the loop stopped is dropped; the result says
    /// whether `work` was accepted.
    @discardableResult
    public func execute(_ work: @escaping @Sendable () -> Void) -> Bool {
        submit(.closure(work))
    }

    /// Queues `work`; false when the loop has stopped.
    func submit(_ work: EventLoopWork) -> Bool {
        if inEventLoop {
            local.append(work)
            return true
        }
        let (accepted, wake) = remote.withLock { queue -> (Bool, Bool) in
            if queue.stopped { return (false, false) }
            queue.work.append(work)
            if queue.wakePending { return (true, false) }
            queue.wakePending = true
            return (true, true)
        }
        if wake { _ = cepoll_eventfd_signal(wakeFD) }
        return accepted
    }

    // MARK: Timers (loop thread only)

    /// Schedules `action` at `deadline` (monotonic ns). Loop thread only.
    @discardableResult
    func scheduleTimer(at deadline: UInt64, _ action: @escaping () -> Void) -> UInt64 {
        timers.schedule(at: deadline, action)
    }

    /// Cancels a timer. Loop thread only.
    func cancelTimer(_ id: UInt64) {
        timers.cancel(id)
    }

    /// Runs `body` on the loop thread after `delay`.
    public func schedule(after delay: Duration, _ body: @escaping @Sendable () -> Void) {
        let nanos = Self.nanoseconds(delay)
        execute { [self] in
            scheduleTimer(at: cepoll_monotonic_ns() &+ nanos, body)
        }
    }

    /// `duration` in nanoseconds, clamped at 0.
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }

    // MARK: Registration (loop thread only)

    /// Adds `fd` to the epoll set for `handler`; returns the tag identifying this registration.
    func register(fd: Int32, events: UInt32, handler: any EventLoopSelectable) -> UInt64? {
        let index = Int(fd)
        if index >= slots.count {
            slots.append(contentsOf: repeatElement(Slot(), count: max(index + 1 - slots.count, 64)))
        }
        let generation = nextGeneration
        nextGeneration &+= 1
        let tag = generation << 32 | UInt64(UInt32(bitPattern: fd))
        guard cepoll_ctl(epfd, cepoll_EPOLL_CTL_ADD, fd, events, tag) == 0 else { return nil }
        slots[index] = Slot(generation: generation, handler: handler)
        return tag
    }

    /// Changes the events watched for a registered `fd`.
    func modify(fd: Int32, tag: UInt64, events: UInt32) {
        _ = cepoll_ctl(epfd, cepoll_EPOLL_CTL_MOD, fd, events, tag)
    }

    /// Forgets `fd`. With `removeFromEpoll` false the caller is about to close it, which
    /// removes it from the epoll set anyway.
    func deregister(fd: Int32, removeFromEpoll: Bool) {
        if removeFromEpoll { _ = cepoll_ctl(epfd, cepoll_EPOLL_CTL_DEL, fd, 0, 0) }
        let index = Int(fd)
        if index < slots.count { slots[index] = Slot() }
    }

    /// Asks for `connection.turnEnded()` at the end of this turn. Loop thread only; the
    /// connection tracks whether it is already queued.
    func enqueueTurnEnd(_ connection: TCPConnection) {
        turnEnd.append(connection)
    }

    // MARK: The loop

    private func run() {
        threadID.store(UInt(pthread_self()), ordering: .releasing)
        cepoll_set_thread_name(String(name.prefix(15)))
        let tags = UnsafeMutablePointer<UInt64>.allocate(capacity: Int(Self.maxEvents))
        let masks = UnsafeMutablePointer<UInt32>.allocate(capacity: Int(Self.maxEvents))
        defer {
            tags.deallocate()
            masks.deallocate()
        }
        while true {
            let timeout = local.isEmpty ? timeoutMilliseconds() : 0
            let count = cepoll_wait(epfd, tags, masks, Self.maxEvents, timeout)
            now = cepoll_monotonic_ns()
            for i in 0..<Int(max(count, 0)) {
                dispatch(tag: tags[i], events: masks[i])
            }
            while let action = timers.popDue(now: now) { action() }
            if takeRemoteWork() { break }
            runLocalWork()
            runTurnEnd()
        }
        stop()
    }

    private func timeoutMilliseconds() -> Int32 {
        guard let deadline = timers.nextDeadline else { return -1 }
        let current = cepoll_monotonic_ns()
        if deadline <= current { return 0 }
        let millis = (deadline - current + 999_999) / 1_000_000
        return Int32(min(millis, UInt64(Int32.max)))
    }

    private func dispatch(tag: UInt64, events: UInt32) {
        if tag == 0 {
            cepoll_eventfd_drain(wakeFD)
            return
        }
        let index = Int(UInt32(truncatingIfNeeded: tag))
        guard index < slots.count, slots[index].generation == tag >> 32,
            let handler = slots[index].handler
        else { return }
        handler.handleEvents(events)
    }

    /// Moves work submitted by other threads to the local queue. True when asked to stop.
    private func takeRemoteWork() -> Bool {
        var incoming: [EventLoopWork] = []
        let stop = remote.withLock { queue -> Bool in
            if !queue.work.isEmpty { swap(&incoming, &queue.work) }
            queue.wakePending = false
            return queue.stopRequested
        }
        if !incoming.isEmpty {
            if local.isEmpty { local = incoming } else { local.append(contentsOf: incoming) }
        }
        return stop
    }

    private func runLocalWork() {
        var ran = 0
        while !local.isEmpty && ran < Self.maxWorkPerTurn {
            swap(&local, &running)
            for work in running {
                run(work)
            }
            ran += running.count
            running.removeAll(keepingCapacity: running.capacity <= 1024)
        }
    }

    private func run(_ work: EventLoopWork) {
        switch work {
        case .closure(let body): body()
        case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func runTurnEnd() {
        while !turnEnd.isEmpty {
            swap(&turnEnd, &turnEndRunning)
            for connection in turnEndRunning { connection.turnEnded() }
            turnEndRunning.removeAll(keepingCapacity: true)
        }
    }

    /// Closes everything registered, runs what is left, and marks the loop stopped.
    private func stop() {
        for slot in slots {
            slot.handler?.loopWillClose()
        }
        slots.removeAll()
        runLocalWork()
        runTurnEnd()
        timers.removeAll()
        let (leftover, waiters) = remote.withLock { queue in
            queue.stopped = true
            let taken = (queue.work, queue.exitWaiters)
            queue.work = []
            queue.exitWaiters = []
            return taken
        }
        local.append(contentsOf: leftover)
        // Run what remains here; jobs that enqueue again go to the global executor now.
        while !local.isEmpty {
            let batch = local
            local = []
            for work in batch { run(work) }
        }
        // pthread_t values are reused after join: a later thread must not pass for this loop.
        threadID.store(0, ordering: .releasing)
        for waiter in waiters { waiter.resume() }
    }

    // MARK: Shutdown

    /// True once the loop thread has finished.
    var isStopped: Bool { remote.withLock { $0.stopped } }

    /// Stops the loop: registered connections close (their inbound sides hear
    /// `connectionClosed`), queued work runs, then the thread exits and is joined.
    public func shutdown() async {
        let alreadyStopped = requestStop()
        if !alreadyStopped {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = remote.withLock { queue -> Bool in
                    if queue.stopped { return true }
                    queue.exitWaiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
        if !inEventLoop { join() }
    }

    /// Stops the loop and blocks until its thread has exited. Must not be called on the loop.
    public func syncShutdown() {
        precondition(!inEventLoop, "syncShutdown() called on the event loop's own thread")
        _ = requestStop()
        join()
    }

    /// Asks the loop to stop and returns at once (its thread exits by itself, unjoined).
    func stopWithoutWaiting() {
        _ = requestStop()
    }

    /// Asks the loop to stop; true when it had already stopped.
    private func requestStop() -> Bool {
        let (stopped, wake) = remote.withLock { queue -> (Bool, Bool) in
            if queue.stopped { return (true, false) }
            queue.stopRequested = true
            let wake = !queue.wakePending
            queue.wakePending = true
            return (false, wake)
        }
        if wake { _ = cepoll_eventfd_signal(wakeFD) }
        return stopped
    }

    private func join() {
        let tid: pthread_t? = thread.withLock { tid in
            defer { tid = nil }
            return tid
        }
        if let tid { pthread_join(tid, nil) }
    }
}

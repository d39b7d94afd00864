import CEpoll
public import FramedRPC
import Synchronization

/// One TCP connection on an event loop: the runtime's `RPCConnectionOutbound`, feeding frames
/// to its `RPCConnectionInbound`.
///
/// All socket work happens on `loop`'s thread. The outbound methods may be called from any
/// thread: on the loop thread they act at once (writes are flushed at the end of the turn,
/// together with every other write of that turn); from other threads they are queued to the
/// loop. Per connection the idle memory is a few hundred bytes plus the frame decoder's
/// buffer; reads use the loop's shared 64 KiB buffer.
public final class TCPConnection: RPCConnectionOutbound, @unchecked Sendable {
    /// The loop owning this connection's socket; also its preferred task executor.
    public let loop: EventLoop
    /// The remote address, "ip:port".
    public let peer: String
    let limits: TCPConnectionLimits

    // Readable from any thread.
    let queuedBytes = Atomic<Int>(0)
    let closedForWrites = Atomic<Bool>(false)
    private let waiterIDs = Atomic<UInt64>(0)
    private let remoteWrites = Mutex<[[UInt8]]>([])

    // Loop-thread state.
    let fd: Int32
    var tag: UInt64 = 0
    var inbound: (any RPCConnectionInbound)?
    var decoder: FrameDecoder
    var outbound: OutboundQueue
    var writableWaiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    /// Where the connection is, its clocks and what epoll watches: every rule of its life.
    var machine: TCPConnectionStateMachine
    /// Called once, on the loop thread, after `connectionClosed` (server bookkeeping).
    var onClose: ((TCPConnection) -> Void)?
    /// The TLS session when the connection is encrypted (see `TCPConnection+TLS.swift`).
    var tls: TLSSession?

    init(fd: Int32, loop: EventLoop, peer: String, limits: TCPConnectionLimits, budget: OutboundBudget? = nil) {
        self.fd = fd
        self.loop = loop
        self.peer = peer
        self.limits = limits
        self.outbound = OutboundQueue(budget: budget)
        self.decoder = FrameDecoder(maxFrameBytes: limits.maxFrameBytes)
        self.machine = TCPConnectionStateMachine(limits: limits, now: cepoll_monotonic_ns())
    }

    /// Registers the socket with the loop and starts delivering frames to `inbound`. Loop
    /// thread only. Returns false (and closes the socket) if registration failed.
    func start(inbound: any RPCConnectionInbound) -> Bool {
        self.inbound = inbound
        guard let tag = loop.register(fd: fd, events: Self.events(.reading), handler: self) else {
            terminate(reason: "cannot watch the socket", graceful: false)
            return false
        }
        self.tag = tag
        machine.started(now: loop.now)
        armCheck()
        if tls != nil { startTLS() }
        return true
    }

    // MARK: RPCConnectionOutbound

    /// Queues `frames` (one or more complete frames). On the loop thread the bytes go out at
    /// the end of the current turn with everything else written in it; from another thread
    /// they are handed to the loop. Writes after `close()` are dropped. Queuing more than
    /// `maxBufferedOutboundBytes` closes the connection ("peer is not reading").
    public func write(_ frames: [UInt8]) {
        guard !frames.isEmpty, !closedForWrites.load(ordering: .relaxed) else { return }
        queuedBytes.wrappingAdd(frames.count, ordering: .relaxed)
        if loop.inEventLoop {
            append(frames)
            return
        }
        // From another thread: frames gather in a list and one queued closure moves them all,
        // so a burst of writes costs one hand-off and at most one wakeup.
        let first = remoteWrites.withLock { list -> Bool in
            list.append(frames)
            return list.count == 1
        }
        if first && !loop.execute({ self.takeRemoteWrites() }) {
            let dropped = remoteWrites.withLock { list in
                defer { list = [] }
                return list.reduce(0) { $0 + $1.count }
            }
            queuedBytes.wrappingSubtract(dropped, ordering: .relaxed)
        }
    }

    private func takeRemoteWrites() {
        let frames = remoteWrites.withLock { list in
            defer { list = [] }
            return list
        }
        for chunk in frames { append(chunk) }
    }

    /// Bytes written and not yet handed to the kernel.
    public var bufferedBytes: Int { queuedBytes.load(ordering: .relaxed) }

    /// The high-water mark from the configuration: producers (streams) should pause while
    /// `bufferedBytes` is above it.
    public var highWaterMark: Int { limits.highWater }

    /// Suspends until fewer than the low-water mark of bytes are queued; `false` when the
    /// connection is (or becomes) closed. If the waiting task is cancelled it returns early
    /// with `true` while the connection is still open (the caller checks cancellation).
    public func waitUntilWritable() async -> Bool {
        if closedForWrites.load(ordering: .relaxed) { return false }
        if queuedBytes.load(ordering: .relaxed) < limits.lowWater { return true }
        let id = waiterIDs.wrappingAdd(1, ordering: .relaxed).newValue
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                if !loop.execute({ self.addWritableWaiter(id: id, continuation) }) {
                    continuation.resume(returning: false)
                }
            }
        } onCancel: {
            loop.execute { self.cancelWritableWaiter(id: id) }
        }
    }

    /// Stops (`false`) or resumes (`true`) reading. While stopped no frame is delivered and
    /// the socket is not read, so TCP pushes back on the peer. On the loop thread (inside
    /// `receive(frame:)` or a handler running on `preferredExecutor`) it takes effect before
    /// the next frame; from another thread, at the loop's next turn, so frames already being
    /// delivered in the current turn may still arrive.
    public func setReading(_ enabled: Bool) {
        if loop.inEventLoop {
            applyReading(enabled)
        } else {
            loop.execute { self.applyReading(enabled) }
        }
    }

    /// Flushes what is queued, then closes. Idempotent. `connectionClosed` follows on the
    /// inbound side once the connection is down.
    public func close() {
        closedForWrites.store(true, ordering: .relaxed)
        if loop.inEventLoop {
            beginClose()
        } else {
            loop.execute { self.beginClose() }
        }
    }

    /// The connection's event loop: run its handlers there to avoid thread hops.
    public var preferredExecutor: (any TaskExecutor)? { loop }

    // MARK: Loop-thread transitions

    func append(_ frames: [UInt8]) {
        guard machine.acceptsWrites else {
            queuedBytes.wrappingSubtract(frames.count, ordering: .relaxed)
            return
        }
        if tls != nil { return queuePlaintext(frames) }
        enqueue(frames)
    }

    /// Queues bytes for the socket (plaintext frames, or TLS records). The stall clock starts
    /// when bytes begin to wait; a queue over the connection's limit closes the connection.
    func enqueue(_ bytes: [UInt8]) {
        let wasEmpty = outbound.isEmpty
        outbound.append(bytes)
        perform(machine.outboundQueued(wasEmpty: wasEmpty, queuedBytes: outbound.bytes, now: loop.now))
    }

    func applyReading(_ enabled: Bool) {
        perform(machine.setReading(enabled, decoderHasBytes: decoder.bufferedBytes > 0, now: loop.now))
    }

    func beginClose() {
        closedForWrites.store(true, ordering: .relaxed)
        // Frames written on other threads before close() may still wait for their hand-off:
        // they are taken now, so that "flushes what is queued, then closes" holds for them too.
        perform(machine.closeRequested())
    }

    /// Closes at the end of this turn without flushing (limits, write errors).
    func abort(_ reason: String) {
        perform(machine.abort(reason))
    }

    /// Carries out what a transition of `machine` asks, in `Effects` order.
    func perform(_ effects: TCPConnectionStateMachine.Effects) {
        guard !effects.isEmpty else { return }
        if effects.contains(.stopWrites) { closedForWrites.store(true, ordering: .relaxed) }
        if effects.contains(.takeRemoteWrites) { takeRemoteWrites() }
        if effects.contains(.scheduleDelivery) { loop.execute { self.deliverFrames() } }
        if effects.contains(.releaseWaiters) { resumeWritableWaiters(false) }
        if effects.contains(.requestTurnEnd) { loop.enqueueTurnEnd(self) }
        if effects.contains(.updateInterest) { updateInterest() }
        if effects.contains(.armCheck) { armCheck() }
    }

    private func addWritableWaiter(id: UInt64, _ continuation: CheckedContinuation<Bool, Never>) {
        if machine.state != .open {
            continuation.resume(returning: false)
        } else if queuedBytes.load(ordering: .relaxed) < limits.lowWater {
            continuation.resume(returning: true)
        } else {
            writableWaiters.append((id, continuation))
        }
    }

    private func cancelWritableWaiter(id: UInt64) {
        guard let index = writableWaiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = writableWaiters.remove(at: index)
        waiter.continuation.resume(returning: machine.state == .open)
    }

    func resumeWritableWaiters(_ writable: Bool) {
        guard !writableWaiters.isEmpty else { return }
        let waiters = writableWaiters
        writableWaiters = []
        for waiter in waiters { waiter.continuation.resume(returning: writable) }
    }
}

/// The state of one `TCPConnection` as a value: where the connection is in its life, what it
/// asks of epoll, its clocks (idle, slow frame, write stall, close flush, linger) and what the
/// loop turn owes it.
///
/// Every transition is pure (no I/O, no syscalls, no locks) and returns what the connection
/// must do next. The connection keeps what performs I/O or holds memory (the socket, the
/// outbound queue, the frame decoder, the TLS session, the writability waiters) and reports
/// what those hold when a rule depends on it. It lives on the loop thread, as the
/// connection's other loop-side state does; `closedForWrites` and `queuedBytes` stay atomics
/// of the connection, because other threads read them.
struct TCPConnectionStateMachine: Sendable {
    /// The limits the clocks and the outbound checks apply.
    let limits: TCPConnectionLimits
    /// Where the connection is in its life.
    private(set) var state: State = .open
    /// False while the runtime has paused reading (`setReading(false)`).
    private(set) var readingEnabled = true
    /// A framing error was reported: reading has stopped for good.
    private(set) var framingFailed = false
    /// Why the connection must close without a flush at the end of this turn (`abort`).
    private(set) var pendingAbort: String?
    /// What epoll watches for the socket now.
    private(set) var registered = Interest.nothing
    /// The socket took less than was offered: wait for it to become writable.
    private(set) var writeBlocked = false
    /// The connection is queued for the loop's end-of-turn pass.
    private(set) var turnEndRequested = false
    /// A pass delivering buffered frames is queued on the loop.
    private(set) var deliveryScheduled = false
    /// The last time bytes went either way (idle clock).
    private(set) var lastActivity: UInt64
    /// The last time queued bytes went out, or began to wait (stall and close-flush clocks).
    private(set) var lastWriteProgress: UInt64
    /// When the frame now arriving began, while one is incomplete (slow-frame clock).
    private(set) var partialFrameSince: UInt64?
    /// The idle deadline passed with calls in flight: check again from this time on.
    private(set) var idleRecheckAt: UInt64 = 0
    /// When a lingering connection is released whatever the peer does.
    private(set) var lingerDeadline: UInt64 = 0
    /// The deadline of the check timer now pending (`.max`: none).
    private(set) var checkScheduledAt = UInt64.max
    /// Bytes given to the frame decoder since it was last replaced.
    private(set) var decoderBytesSinceReset = 0

    /// Why a connection closed by `close()` ends, once its queued bytes are out.
    static let localCloseReason = "closed by the local side"
    /// Decoder input after which an emptied decoder is replaced, giving back its buffer.
    static let decoderResetBytes = 16 * 1024
    /// The longest wait before an idle deadline passed with calls in flight is checked again.
    static let idleRecheckNanos: UInt64 = 1_000_000_000

    /// A connection open at `now`, not yet watched by epoll.
    init(limits: TCPConnectionLimits, now: UInt64) {
        self.limits = limits
        lastActivity = now
        lastWriteProgress = now
    }

    // MARK: Queries

    /// Open or closing: the runtime's side of the connection is still up.
    var isActive: Bool { state == .open || state == .closing }

    /// True while frames should be read and delivered.
    var wantsReading: Bool {
        state == .open && readingEnabled && !framingFailed && pendingAbort == nil
    }

    /// True while written frames are queued rather than dropped.
    var acceptsWrites: Bool { isActive && pendingAbort == nil }

    // MARK: Starting and the loop turn

    /// The socket is now watched for input (`Interest.reading`); the idle clock starts at `now`.
    mutating func started(now: UInt64) {
        registered = .reading
        lastActivity = now
    }

    /// Asks for the end-of-turn pass: `.requestTurnEnd` unless one is already asked for.
    mutating func requestTurnEnd() -> Effects {
        guard !turnEndRequested else { return [] }
        turnEndRequested = true
        return .requestTurnEnd
    }

    /// The end-of-turn pass begins. False when the connection is no longer active and there is
    /// nothing to do.
    mutating func turnEndStarted() -> Bool {
        turnEndRequested = false
        return isActive
    }

    /// The turn's end, once TLS encrypted what was written in it: an abort asked for during
    /// the turn ends the connection now, with a reset; queued bytes are flushed unless the
    /// socket is known to be full.
    func turnEndBeforeFlush(outboundIsEmpty: Bool) -> TurnEndStep {
        if let reason = pendingAbort { return .terminate(Termination(reason: reason, graceful: false, reset: true)) }
        return !outboundIsEmpty && !writeBlocked ? .flush : .skipFlush
    }

    /// The turn's end, after the flush: a connection whose peer is not keeping up while the
    /// server-wide outbound budget is spent ends with a reset; a closing connection with
    /// nothing left to send ends gracefully. Nil: the connection stays, and its interest set
    /// is brought up to date. `budgetSpent` is asked only for a blocked connection with a
    /// budget (`budgetLimit` non-nil).
    func turnEndAfterFlush(
        outboundBytes: Int, budgetLimit: Int?, budgetSpent: @autoclosure () -> Bool
    ) -> Termination? {
        if writeBlocked, let limit = budgetLimit, budgetSpent(), outboundBytes >= limits.highWater {
            return Termination(
                reason: "peer is not keeping up: \(outboundBytes) bytes wait for it while the server-wide "
                    + "outbound budget of \(limit) bytes is spent", graceful: false, reset: true)
        }
        if state == .closing && outboundBytes == 0 {
            return Termination(reason: Self.localCloseReason, graceful: true)
        }
        return nil
    }

    /// The interest set the connection wants now, when it differs from what epoll watches
    /// (and the descriptor is still open); recorded as watched.
    mutating func interestChange() -> Interest? {
        let wanted = Interest(read: wantsReading || state == .lingering, write: writeBlocked && isActive)
        guard wanted != registered, state != .released else { return nil }
        registered = wanted
        return wanted
    }

    // MARK: Socket readiness and reading

    /// What to do with the readiness epoll reported: nothing once released, drain input while
    /// lingering, end on a socket error; otherwise a socket that became writable asks for the
    /// turn's end (where the flush resumes), and input is read while reading is wanted. A hang
    /// up that is not read ends the connection.
    mutating func eventsArrived(_ readiness: Readiness) -> EventResponse {
        switch state {
        case .released: return .ignore
        case .lingering: return .discardInput
        case .open, .closing: break
        }
        if readiness.error { return .socketError }
        var effects: Effects = []
        if readiness.writable && writeBlocked {
            writeBlocked = false
            effects = requestTurnEnd()
        }
        var read = ReadResponse.skip
        if readiness.readable {
            if wantsReading {
                read = .read
            } else if readiness.hangUp {
                read = .terminate(Termination(reason: "peer closed the connection", graceful: false))
            }
        }
        return .handle(effects, read)
    }

    /// Bytes were read from the socket at `now`: the idle clock restarts.
    mutating func bytesRead(now: UInt64) {
        lastActivity = now
    }

    /// `count` bytes were given to the frame decoder.
    mutating func decoderReceived(_ count: Int) {
        decoderBytesSinceReset += count
    }

    /// The peer closed its side (a read returned 0) with `decoderBytes` of a frame buffered:
    /// what is queued is sent first, the peer may only have shut down its sending side.
    func readEnded(decoderBytes: Int) -> Termination {
        let reason =
            decoderBytes > 0
            ? "peer closed the connection in the middle of a frame (\(decoderBytes) bytes of it received)"
            : "peer closed the connection"
        return Termination(reason: reason, graceful: false, sendQueuedFirst: true)
    }

    // MARK: Delivering frames

    /// Asks for a pass delivering buffered frames: `.scheduleDelivery` unless one is queued.
    mutating func requestDelivery() -> Effects {
        guard !deliveryScheduled else { return [] }
        deliveryScheduled = true
        return .scheduleDelivery
    }

    /// A delivery pass begins: a scheduled one is no longer pending.
    mutating func deliveryStarted() {
        deliveryScheduled = false
    }

    /// The decoder found a framing error: reading stops for good and the slow-frame clock
    /// with it; the turn's end takes reading off the interest set.
    mutating func framingErrorFound() -> Effects {
        framingFailed = true
        partialFrameSince = nil
        return requestTurnEnd()
    }

    /// A delivery pass ended at `now` with `decoderBytes` left in the decoder. An empty
    /// decoder stops the slow-frame clock, and is replaced after a burst (`.releaseDecoder`)
    /// so idle connections hold no large buffers. Otherwise the clock times the frame now
    /// arriving: it starts when one begins, and again when a frame completed, since the bytes
    /// left over start a new one (a steady stream whose reads end mid-frame never trips it).
    mutating func deliveryEnded(frameCompleted: Bool, decoderBytes: Int, now: UInt64) -> DeliveryEnd {
        guard state == .open else { return .done }
        if decoderBytes == 0 {
            partialFrameSince = nil
            if decoderBytesSinceReset > Self.decoderResetBytes {
                decoderBytesSinceReset = 0
                return .releaseDecoder
            }
        } else if readingEnabled && (partialFrameSince == nil || frameCompleted) {
            partialFrameSince = now
            return .armCheck
        }
        return .done
    }

    /// The runtime stopped or resumed reading at `now`. Resuming restarts a slow-frame clock
    /// that was running (the peer was not at fault while paused) and delivers frames already
    /// buffered; either way the turn's end updates the interest set.
    mutating func setReading(_ enabled: Bool, decoderHasBytes: Bool, now: UInt64) -> Effects {
        guard readingEnabled != enabled else { return [] }
        readingEnabled = enabled
        guard state == .open else { return [] }
        var effects: Effects = []
        if enabled {
            if partialFrameSince != nil { partialFrameSince = now }
            if decoderHasBytes { effects.formUnion(requestDelivery()) }
        }
        effects.formUnion(requestTurnEnd())
        return effects
    }

    // MARK: Writing

    /// Bytes were queued for the socket at `now`, leaving `queuedBytes` queued (`wasEmpty`:
    /// the queue was empty before). The stall clock starts when bytes begin to wait; more
    /// than `maxBufferedOutboundBytes` aborts ("peer is not reading"), otherwise the turn's
    /// end flushes them.
    mutating func outboundQueued(wasEmpty: Bool, queuedBytes: Int, now: UInt64) -> Effects {
        if wasEmpty { lastWriteProgress = now }
        if queuedBytes > limits.maxBufferedOutboundBytes { return abort(notReading(queuedBytes)) }
        return requestTurnEnd()
    }

    /// Plaintext was held for encryption, leaving `queuedBytes` queued in all (plaintext and
    /// ciphertext). Over the limit it aborts; otherwise the turn's end encrypts it, unless
    /// the socket is blocked (then the writable event asks for the turn's end).
    mutating func plaintextQueued(queuedBytes: Int) -> Effects {
        if queuedBytes > limits.maxBufferedOutboundBytes { return abort(notReading(queuedBytes)) }
        return writeBlocked ? [] : requestTurnEnd()
    }

    /// Queued bytes went to the kernel at `now`: the idle and stall clocks restart.
    mutating func wrote(now: UInt64) {
        lastActivity = now
        lastWriteProgress = now
    }

    /// The socket is full: wait for it to become writable (the flush then arms the check
    /// timer, so a stall is noticed).
    mutating func writeWouldBlock() {
        writeBlocked = true
    }

    // MARK: Closing

    /// `close()` on an open connection: it becomes closing (no more reading; queued bytes
    /// are flushed, then it closes), takes the frames still being handed over from other
    /// threads, releases the writability waiters, and arms the close-flush clock.
    mutating func closeRequested() -> Effects {
        guard state == .open else { return [] }
        state = .closing
        return Effects([.takeRemoteWrites, .releaseWaiters, .armCheck]).union(requestTurnEnd())
    }

    /// Closes at the end of this turn without flushing (limits, write errors). Only the first
    /// reason of an active connection counts.
    mutating func abort(_ reason: String) -> Effects {
        guard pendingAbort == nil, isActive else { return [] }
        pendingAbort = reason
        return Effects.stopWrites.union(requestTurnEnd())
    }

    /// The connection is ending for the runtime. False when it already has. The pending abort
    /// (if any) is being carried out, and the slow-frame clock stops with the decoder.
    mutating func terminationStarted() -> Bool {
        guard isActive else { return false }
        pendingAbort = nil
        partialFrameSince = nil
        return true
    }

    /// A graceful end shut down the write side at `now`: unread input is drained until the
    /// peer closes or `lingerNanos` pass.
    mutating func lingerStarted(now: UInt64) -> Effects {
        state = .lingering
        writeBlocked = false
        lingerDeadline = now &+ limits.lingerNanos
        return [.updateInterest, .armCheck]
    }

    /// The descriptor is to be closed now. False when it already was.
    mutating func released() -> Bool {
        guard state != .released else { return false }
        state = .released
        return true
    }

    // MARK: Timers

    /// The earliest deadline the connection has now (idle, slow frame, write stall, close
    /// flush, linger), `.max` for none. `outboundIsEmpty`: nothing is queued for the socket.
    func nextCheckDeadline(outboundIsEmpty: Bool) -> UInt64 {
        switch state {
        case .open:
            var next = UInt64.max
            if let idle = limits.idleTimeoutNanos { next = max(lastActivity &+ idle, idleRecheckAt) }
            if let frame = limits.frameTimeoutNanos, let since = partialFrameSince, readingEnabled, !framingFailed {
                next = min(next, since &+ frame)
            }
            if let stall = limits.writeStallNanos, writeBlocked { next = min(next, lastWriteProgress &+ stall) }
            return next
        case .closing:
            return outboundIsEmpty ? .max : lastWriteProgress &+ limits.closeFlushNanos
        case .lingering:
            return lingerDeadline
        case .released:
            return .max
        }
    }

    /// The deadline a check timer must be scheduled for, when it is earlier than the one
    /// pending (recorded as pending); nil when the pending timer comes first. One timer is
    /// normally pending per connection.
    mutating func checkToArm(outboundIsEmpty: Bool) -> UInt64? {
        let next = nextCheckDeadline(outboundIsEmpty: outboundIsEmpty)
        guard next < checkScheduledAt else { return nil }
        checkScheduledAt = next
        return next
    }

    /// The check timer fired at `now`, with `decoderBytes` buffered in the decoder and
    /// `outboundBytes` queued for the socket: which deadline passed, if any.
    mutating func checkFired(now: UInt64, decoderBytes: Int, outboundBytes: Int) -> CheckOutcome {
        checkScheduledAt = .max
        switch state {
        case .open:
            if let frame = limits.frameTimeoutNanos, let since = partialFrameSince, readingEnabled, !framingFailed,
                now >= since &+ frame
            {
                return .terminate(
                    Termination(
                        reason:
                            "frame not completed within \(Self.seconds(frame)): \(decoderBytes) bytes of it arrived",
                        graceful: true))
            }
            if let stall = limits.writeStallNanos, writeBlocked, now >= lastWriteProgress &+ stall {
                return .terminate(
                    Termination(
                        reason: "peer read nothing for \(Self.seconds(stall)) while \(outboundBytes) bytes waited "
                            + "for it", graceful: false, reset: true))
            }
            if let idle = limits.idleTimeoutNanos, now >= lastActivity &+ idle, now >= idleRecheckAt {
                return .idle(
                    Termination(reason: "idle for \(Self.seconds(idle)) with no call in flight", graceful: true))
            }
        case .closing:
            if outboundBytes > 0 && now >= lastWriteProgress &+ limits.closeFlushNanos {
                return .terminate(
                    Termination(
                        reason: "peer did not read the last \(outboundBytes) bytes within "
                            + Self.seconds(limits.closeFlushNanos), graceful: false))
            }
        case .lingering:
            if now >= lingerDeadline { return .release }
        case .released:
            return .done
        }
        return .rearm
    }

    /// The idle deadline passed at `now` while calls were in flight: the connection stays, and
    /// the idle rule is checked again a little later.
    mutating func idleDeferred(now: UInt64) {
        guard let idle = limits.idleTimeoutNanos else { return }
        idleRecheckAt = now &+ min(idle, Self.idleRecheckNanos)
    }

    // MARK: Text

    /// "30 s" or "250 ms".
    static func seconds(_ nanos: UInt64) -> String {
        nanos % 1_000_000_000 == 0 ? "\(nanos / 1_000_000_000) s" : "\(nanos / 1_000_000) ms"
    }

    private func notReading(_ queuedBytes: Int) -> String {
        "peer is not reading: \(queuedBytes) bytes queued exceed the limit of \(limits.maxBufferedOutboundBytes) bytes"
    }
}

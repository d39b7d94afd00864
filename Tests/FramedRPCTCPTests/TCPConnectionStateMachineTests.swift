import CEpoll
import Testing

@testable import FramedRPCTCP

/// `TCPConnectionStateMachine` alone: every rule of a connection's life as transitions and the
/// actions they return, with no socket, loop or clock.
@Suite("TCP connection state machine")
struct TCPConnectionStateMachineTests {
    typealias Machine = TCPConnectionStateMachine
    typealias Termination = TCPConnectionStateMachine.Termination

    static let second: UInt64 = 1_000_000_000

    static func limits(
        idle: UInt64? = 300 * second, frame: UInt64? = 30 * second, stall: UInt64? = 20 * second
    ) -> TCPConnectionLimits {
        TCPConnectionLimits(
            maxFrameBytes: 1 << 20, idleTimeoutNanos: idle, frameTimeoutNanos: frame, lowWater: 1000,
            highWater: 4000, maxBufferedOutboundBytes: 10_000, writeStallNanos: stall, lingerNanos: 2 * second,
            closeFlushNanos: 30 * second)
    }

    /// A started machine, at time 1 s, whose turn end has been carried out.
    static func started(_ limits: TCPConnectionLimits = limits()) -> Machine {
        var machine = Machine(limits: limits, now: second)
        machine.started(now: second)
        return machine
    }

    // MARK: Starting

    @Test("a started connection is open, reads, accepts writes and watches only input")
    func startedConnection() {
        let machine = Self.started()
        #expect(machine.state == .open)
        #expect(machine.wantsReading)
        #expect(machine.acceptsWrites)
        #expect(machine.registered == .reading)
        #expect(TCPConnection.events(.reading) == cepoll_EPOLLIN | cepoll_EPOLLRDHUP)
    }

    // MARK: The loop turn

    @Test("the turn's end is asked for once until it has run")
    func turnEndOnce() {
        var machine = Self.started()
        let turnEnd1 = machine.requestTurnEnd()
        #expect(turnEnd1 == .requestTurnEnd)
        let turnEnd2 = machine.requestTurnEnd()
        #expect(turnEnd2 == [])
        let queued1 = machine.outboundQueued(wasEmpty: true, queuedBytes: 10, now: Self.second)
        #expect(queued1 == [])
        let active1 = machine.turnEndStarted()
        #expect(active1)
        let turnEnd3 = machine.requestTurnEnd()
        #expect(turnEnd3 == .requestTurnEnd)
    }

    @Test("queued bytes are flushed at the turn's end unless the socket is known to be full")
    func flushUnlessBlocked() {
        var machine = Self.started()
        #expect(machine.turnEndBeforeFlush(outboundIsEmpty: true) == .skipFlush)
        #expect(machine.turnEndBeforeFlush(outboundIsEmpty: false) == .flush)
        machine.writeWouldBlock()
        #expect(machine.turnEndBeforeFlush(outboundIsEmpty: false) == .skipFlush)
        #expect(machine.turnEndAfterFlush(outboundBytes: 100, budgetLimit: nil, budgetSpent: false) == nil)
    }

    @Test("a socket that becomes writable resumes the flush at the turn's end")
    func writableResumesFlush() {
        var machine = Self.started()
        machine.writeWouldBlock()
        let interest1 = machine.interestChange()
        #expect(interest1 == Machine.Interest(read: true, write: true))
        let response = machine.eventsArrived(Machine.Readiness(writable: true))
        #expect(response == .handle(.requestTurnEnd, .skip))
        #expect(!machine.writeBlocked)
        let response1 = machine.eventsArrived(Machine.Readiness(writable: true))
        #expect(response1 == .handle([], .skip))
        let interest2 = machine.interestChange()
        #expect(interest2 == .reading)
    }

    // MARK: Closing

    @Test("a close requested while writes are pending flushes them before closing")
    func closeFlushesFirst() {
        var machine = Self.started()
        let queued2 = machine.outboundQueued(wasEmpty: true, queuedBytes: 100, now: 2 * Self.second)
        #expect(queued2 == .requestTurnEnd)
        let effects = machine.closeRequested()
        #expect(effects == [.takeRemoteWrites, .releaseWaiters, .armCheck])
        #expect(machine.state == .closing)
        #expect(!machine.wantsReading)
        #expect(machine.acceptsWrites)

        let active2 = machine.turnEndStarted()
        #expect(active2)
        #expect(machine.turnEndBeforeFlush(outboundIsEmpty: false) == .flush)
        machine.wrote(now: 2 * Self.second)
        machine.writeWouldBlock()
        #expect(machine.turnEndAfterFlush(outboundBytes: 40, budgetLimit: nil, budgetSpent: false) == nil)
        let interest3 = machine.interestChange()
        #expect(interest3 == Machine.Interest(read: false, write: true))

        let response2 = machine.eventsArrived(Machine.Readiness(writable: true))
        #expect(response2 == .handle(.requestTurnEnd, .skip))
        let active3 = machine.turnEndStarted()
        #expect(active3)
        #expect(machine.turnEndBeforeFlush(outboundIsEmpty: false) == .flush)
        #expect(
            machine.turnEndAfterFlush(outboundBytes: 0, budgetLimit: nil, budgetSpent: false)
                == Termination(reason: Machine.localCloseReason, graceful: true))
    }

    @Test("a close requested with nothing queued closes gracefully at the turn's end")
    func closeWithNothingQueued() {
        var machine = Self.started()
        let close1 = machine.closeRequested()
        #expect(close1 == [.takeRemoteWrites, .releaseWaiters, .requestTurnEnd, .armCheck])
        let close2 = machine.closeRequested()
        #expect(close2 == [])
        let active4 = machine.turnEndStarted()
        #expect(active4)
        #expect(machine.turnEndBeforeFlush(outboundIsEmpty: true) == .skipFlush)
        #expect(
            machine.turnEndAfterFlush(outboundBytes: 0, budgetLimit: nil, budgetSpent: false)
                == Termination(reason: Machine.localCloseReason, graceful: true))
    }

    @Test("an abort closes at the turn's end with a reset and no flush; only the first reason counts")
    func abortAtTurnEnd() {
        var machine = Self.started()
        let abort1 = machine.abort("first")
        #expect(abort1 == [.stopWrites, .requestTurnEnd])
        let abort2 = machine.abort("second")
        #expect(abort2 == [])
        #expect(!machine.acceptsWrites)
        #expect(!machine.wantsReading)
        let active5 = machine.turnEndStarted()
        #expect(active5)
        #expect(
            machine.turnEndBeforeFlush(outboundIsEmpty: false)
                == .terminate(Termination(reason: "first", graceful: false, reset: true)))
        let ending1 = machine.terminationStarted()
        #expect(ending1)
        #expect(machine.pendingAbort == nil)
    }

    @Test("queuing more than the outbound limit aborts: the peer is not reading")
    func outboundLimit() {
        var machine = Self.started()
        let queued3 = machine.outboundQueued(wasEmpty: true, queuedBytes: 10_000, now: Self.second)
        #expect(queued3 == .requestTurnEnd)
        let queued4 = machine.outboundQueued(wasEmpty: false, queuedBytes: 10_001, now: Self.second)
        #expect(queued4 == .stopWrites)
        #expect(machine.pendingAbort == "peer is not reading: 10001 bytes queued exceed the limit of 10000 bytes")
    }

    @Test("plaintext held for TLS past the limit aborts; on a blocked socket it waits for writability")
    func plaintextQueued() {
        var machine = Self.started()
        machine.writeWouldBlock()
        let held1 = machine.plaintextQueued(queuedBytes: 500)
        #expect(held1 == [])
        let response3 = machine.eventsArrived(Machine.Readiness(writable: true))
        #expect(response3 == .handle(.requestTurnEnd, .skip))
        let active6 = machine.turnEndStarted()
        #expect(active6)
        let held2 = machine.plaintextQueued(queuedBytes: 600)
        #expect(held2 == .requestTurnEnd)
        let held3 = machine.plaintextQueued(queuedBytes: 10_001)
        #expect(held3 == .stopWrites)
        #expect(machine.pendingAbort != nil)
    }

    @Test("a peer not keeping up while the outbound budget is spent is reset at the turn's end")
    func budgetSpent() {
        var machine = Self.started()
        var asked = 0
        func spent() -> Bool {
            asked += 1
            return true
        }
        #expect(machine.turnEndAfterFlush(outboundBytes: 5000, budgetLimit: 1 << 20, budgetSpent: spent()) == nil)
        #expect(asked == 0, "the budget is asked only about a blocked connection")
        machine.writeWouldBlock()
        #expect(machine.turnEndAfterFlush(outboundBytes: 3999, budgetLimit: 1 << 20, budgetSpent: spent()) == nil)
        #expect(machine.turnEndAfterFlush(outboundBytes: 4000, budgetLimit: 1 << 20, budgetSpent: false) == nil)
        #expect(machine.turnEndAfterFlush(outboundBytes: 4000, budgetLimit: nil, budgetSpent: true) == nil)
        #expect(
            machine.turnEndAfterFlush(outboundBytes: 4000, budgetLimit: 1 << 20, budgetSpent: spent())
                == Termination(
                    reason: "peer is not keeping up: 4000 bytes wait for it while the server-wide outbound budget "
                        + "of 1048576 bytes is spent", graceful: false, reset: true))
    }

    @Test("a connection ends once: a second termination and a second release do nothing")
    func endsOnce() {
        var machine = Self.started()
        let ending2 = machine.terminationStarted()
        #expect(ending2)
        let released1 = machine.released()
        #expect(released1)
        #expect(machine.state == .released)
        let ending3 = machine.terminationStarted()
        #expect(!ending3)
        let released2 = machine.released()
        #expect(!released2)
        #expect(!machine.acceptsWrites)
        let abort3 = machine.abort("late")
        #expect(abort3 == [])
        let active7 = machine.turnEndStarted()
        #expect(!active7)
        let interest4 = machine.interestChange()
        #expect(interest4 == nil)
    }

    @Test("a graceful end lingers watching only input, and is released at the linger deadline")
    func lingering() {
        var machine = Self.started()
        machine.writeWouldBlock()
        let interest5 = machine.interestChange()
        #expect(interest5 == Machine.Interest(read: true, write: true))
        let ending4 = machine.terminationStarted()
        #expect(ending4)
        let linger1 = machine.lingerStarted(now: 5 * Self.second)
        #expect(linger1 == [.updateInterest, .armCheck])
        #expect(machine.state == .lingering)
        #expect(!machine.writeBlocked)
        let interest6 = machine.interestChange()
        #expect(interest6 == .reading)
        let deadline1 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline1 == 7 * Self.second)
        let response4 = machine.eventsArrived(Machine.Readiness(readable: true))
        #expect(response4 == .discardInput)
        let check1 = machine.checkFired(now: 6 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check1 == .rearm)
        let check2 = machine.checkFired(now: 7 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check2 == .release)
        let released3 = machine.released()
        #expect(released3)
        let response5 = machine.eventsArrived(Machine.Readiness(error: true, readable: true))
        #expect(response5 == .ignore)
        let check3 = machine.checkFired(now: 8 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check3 == .done)
    }

    // MARK: Reading

    @Test("a socket error ends the connection before anything else is looked at")
    func socketError() {
        var machine = Self.started()
        machine.writeWouldBlock()
        let response6 = machine.eventsArrived(Machine.Readiness(error: true, writable: true, readable: true))
        #expect(response6 == .socketError)
        #expect(machine.writeBlocked)
    }

    @Test("input is read only while reading is wanted; a hang-up that is not read ends the connection")
    func readingWanted() {
        var machine = Self.started()
        let response7 = machine.eventsArrived(Machine.Readiness(readable: true))
        #expect(response7 == .handle([], .read))
        let reading1 = machine.setReading(false, decoderHasBytes: false, now: Self.second)
        #expect(reading1 == .requestTurnEnd)
        let interest7 = machine.interestChange()
        #expect(interest7 == Machine.Interest.nothing)
        let response8 = machine.eventsArrived(Machine.Readiness(readable: true))
        #expect(response8 == .handle([], .skip))
        let response9 = machine.eventsArrived(Machine.Readiness(readable: true, hangUp: true))
        #expect(
            response9
                == .handle([], .terminate(Termination(reason: "peer closed the connection", graceful: false))))
    }

    @Test("the peer closing mid-frame says how much of it arrived, and what is queued goes first")
    func readEnded() {
        let machine = Self.started()
        #expect(
            machine.readEnded(decoderBytes: 0)
                == Termination(reason: "peer closed the connection", graceful: false, sendQueuedFirst: true))
        #expect(
            machine.readEnded(decoderBytes: 7)
                == Termination(
                    reason: "peer closed the connection in the middle of a frame (7 bytes of it received)",
                    graceful: false, sendQueuedFirst: true))
    }

    @Test("stopping or resuming reading twice does nothing the second time")
    func setReadingIdempotent() {
        var machine = Self.started()
        let reading2 = machine.setReading(true, decoderHasBytes: true, now: Self.second)
        #expect(reading2 == [])
        let reading3 = machine.setReading(false, decoderHasBytes: true, now: Self.second)
        #expect(reading3 == .requestTurnEnd)
        let reading4 = machine.setReading(false, decoderHasBytes: true, now: Self.second)
        #expect(reading4 == [])
    }

    @Test("resuming reading delivers buffered frames once and restarts a running slow-frame clock")
    func resumeReading() {
        var machine = Self.started()
        let delivery1 = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        #expect(delivery1 == .armCheck)
        let reading5 = machine.setReading(false, decoderHasBytes: true, now: 3 * Self.second)
        #expect(reading5 == .requestTurnEnd)
        let active8 = machine.turnEndStarted()
        #expect(active8)
        let reading6 = machine.setReading(true, decoderHasBytes: true, now: 50 * Self.second)
        #expect(
            reading6
                == [.scheduleDelivery, .requestTurnEnd])
        #expect(machine.partialFrameSince == 50 * Self.second)
        let delivery2 = machine.requestDelivery()
        #expect(delivery2 == [])
        machine.deliveryStarted()
        let delivery3 = machine.requestDelivery()
        #expect(delivery3 == .scheduleDelivery)
    }

    @Test("a closing connection ignores reading being resumed")
    func resumeWhileClosing() {
        var machine = Self.started()
        let reading7 = machine.setReading(false, decoderHasBytes: false, now: Self.second)
        #expect(reading7 == .requestTurnEnd)
        _ = machine.closeRequested()
        let reading8 = machine.setReading(true, decoderHasBytes: true, now: Self.second)
        #expect(reading8 == [])
        #expect(machine.readingEnabled)
    }

    @Test("a framing error stops reading for good, and the slow-frame clock with it")
    func framingError() {
        var machine = Self.started()
        let delivery4 = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        #expect(delivery4 == .armCheck)
        let failed1 = machine.framingErrorFound()
        #expect(failed1 == .requestTurnEnd)
        #expect(machine.partialFrameSince == nil)
        #expect(!machine.wantsReading)
        let reading9 = machine.setReading(false, decoderHasBytes: true, now: Self.second)
        #expect(reading9 == [])
        let reading10 = machine.setReading(true, decoderHasBytes: true, now: Self.second)
        #expect(reading10 == [.scheduleDelivery])
        #expect(!machine.wantsReading)
        let interest8 = machine.interestChange()
        #expect(interest8 == Machine.Interest.nothing)
    }

    @Test("the slow-frame clock starts with a frame, restarts when one completes, and stops when none is left")
    func slowFrameClock() {
        var machine = Self.started()
        let delivery5 = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        #expect(delivery5 == .armCheck)
        let delivery6 = machine.deliveryEnded(frameCompleted: false, decoderBytes: 9, now: 3 * Self.second)
        #expect(delivery6 == .done)
        #expect(machine.partialFrameSince == 2 * Self.second)
        let delivery7 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 2, now: 4 * Self.second)
        #expect(delivery7 == .armCheck)
        #expect(machine.partialFrameSince == 4 * Self.second)
        let delivery8 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 0, now: 5 * Self.second)
        #expect(delivery8 == .done)
        #expect(machine.partialFrameSince == nil)
    }

    @Test("an emptied decoder is replaced after a burst of more than 16 KiB")
    func decoderReleased() {
        var machine = Self.started()
        machine.decoderReceived(16 * 1024)
        let delivery9 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 0, now: Self.second)
        #expect(delivery9 == .done)
        machine.decoderReceived(1)
        let delivery10 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 5, now: Self.second)
        #expect(delivery10 == .armCheck)
        let delivery11 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 0, now: Self.second)
        #expect(delivery11 == .releaseDecoder)
        #expect(machine.decoderBytesSinceReset == 0)
        let delivery12 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 0, now: Self.second)
        #expect(delivery12 == .done)
    }

    // MARK: Timers

    @Test("the check timer is armed only for a deadline earlier than the one pending")
    func checkArming() {
        var machine = Self.started()
        let deadline2 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline2 == 301 * Self.second)
        let deadline3 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline3 == nil)
        _ = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        let deadline4 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline4 == 32 * Self.second)
        machine.writeWouldBlock()
        let deadline5 = machine.checkToArm(outboundIsEmpty: false)
        #expect(deadline5 == 21 * Self.second)
        let check4 = machine.checkFired(now: 10 * Self.second, decoderBytes: 3, outboundBytes: 5)
        #expect(check4 == .rearm)
        let deadline6 = machine.checkToArm(outboundIsEmpty: false)
        #expect(deadline6 == 21 * Self.second)
    }

    @Test("a connection without limits has no deadline while open")
    func noLimits() {
        var machine = Self.started(Self.limits(idle: nil, frame: nil, stall: nil))
        machine.writeWouldBlock()
        _ = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        let deadline7 = machine.checkToArm(outboundIsEmpty: false)
        #expect(deadline7 == nil)
    }

    @Test("a frame not completed in time ends the connection gracefully, saying how much of it arrived")
    func slowFrame() {
        var machine = Self.started()
        _ = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        let check5 = machine.checkFired(now: 31 * Self.second, decoderBytes: 3, outboundBytes: 0)
        #expect(check5 == .rearm)
        let check6 = machine.checkFired(now: 32 * Self.second, decoderBytes: 3, outboundBytes: 0)
        #expect(
            check6
                == .terminate(
                    Termination(reason: "frame not completed within 30 s: 3 bytes of it arrived", graceful: true)))
    }

    @Test("while reading is paused a slow frame is not the peer's fault")
    func slowFramePaused() {
        var machine = Self.started()
        _ = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        _ = machine.setReading(false, decoderHasBytes: true, now: 3 * Self.second)
        let check7 = machine.checkFired(now: 40 * Self.second, decoderBytes: 3, outboundBytes: 0)
        #expect(check7 == .rearm)
    }

    @Test("a peer that reads nothing of what waits for it is reset when the write stall timeout passes")
    func writeStall() {
        var machine = Self.started(Self.limits(stall: 250_000_000))
        let queued5 = machine.outboundQueued(wasEmpty: true, queuedBytes: 100, now: 2 * Self.second)
        #expect(queued5 == .requestTurnEnd)
        machine.writeWouldBlock()
        let check8 = machine.checkFired(now: 2 * Self.second + 249_999_999, decoderBytes: 0, outboundBytes: 100)
        #expect(check8 == .rearm)
        let check9 = machine.checkFired(now: 2 * Self.second + 250_000_000, decoderBytes: 0, outboundBytes: 100)
        #expect(
            check9
                == .terminate(
                    Termination(
                        reason: "peer read nothing for 250 ms while 100 bytes waited for it", graceful: false,
                        reset: true)))
    }

    @Test("bytes going out restart the stall clock; bytes queued behind others do not")
    func stallClock() {
        var machine = Self.started()
        _ = machine.outboundQueued(wasEmpty: true, queuedBytes: 100, now: 2 * Self.second)
        _ = machine.outboundQueued(wasEmpty: false, queuedBytes: 200, now: 9 * Self.second)
        #expect(machine.lastWriteProgress == 2 * Self.second)
        machine.wrote(now: 10 * Self.second)
        #expect(machine.lastWriteProgress == 10 * Self.second)
        #expect(machine.lastActivity == 10 * Self.second)
    }

    @Test("the idle deadline ends an idle connection, and is checked again within a second while calls run")
    func idle() {
        var machine = Self.started()
        machine.bytesRead(now: 2 * Self.second)
        let check10 = machine.checkFired(now: 301 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check10 == .rearm)
        let idle = Termination(reason: "idle for 300 s with no call in flight", graceful: true)
        let check11 = machine.checkFired(now: 302 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check11 == .idle(idle))
        machine.idleDeferred(now: 302 * Self.second)
        let deadline8 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline8 == 303 * Self.second)
        let check12 = machine.checkFired(now: 302 * Self.second + 1, decoderBytes: 0, outboundBytes: 0)
        #expect(check12 == .rearm)
        let check13 = machine.checkFired(now: 303 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check13 == .idle(idle))
    }

    @Test("a closing connection whose queued bytes make no progress is dropped after the close flush time")
    func closeFlushTimeout() {
        var machine = Self.started()
        _ = machine.outboundQueued(wasEmpty: true, queuedBytes: 100, now: 2 * Self.second)
        _ = machine.closeRequested()
        let deadline9 = machine.checkToArm(outboundIsEmpty: false)
        #expect(deadline9 == 32 * Self.second)
        let deadline10 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline10 == nil)
        let check14 = machine.checkFired(now: 400 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check14 == .rearm)
        let check15 = machine.checkFired(now: 32 * Self.second, decoderBytes: 0, outboundBytes: 100)
        #expect(
            check15
                == .terminate(Termination(reason: "peer did not read the last 100 bytes within 30 s", graceful: false)))
    }

    // MARK: Interest

    @Test("epoll is told only of changes to what the connection wants")
    func interestChanges() {
        var machine = Self.started()
        let interest9 = machine.interestChange()
        #expect(interest9 == nil)
        machine.writeWouldBlock()
        let interest10 = machine.interestChange()
        #expect(interest10 == Machine.Interest(read: true, write: true))
        let interest11 = machine.interestChange()
        #expect(interest11 == nil)
        _ = machine.abort("limit")
        let interest12 = machine.interestChange()
        #expect(interest12 == Machine.Interest(read: false, write: true))
        #expect(
            TCPConnection.events(Machine.Interest(read: true, write: true)) == cepoll_EPOLLIN | cepoll_EPOLLRDHUP
                | cepoll_EPOLLOUT)
        #expect(TCPConnection.events(.nothing) == 0)
    }
}

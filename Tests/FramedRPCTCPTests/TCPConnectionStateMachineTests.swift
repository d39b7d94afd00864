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
        let queued = machine.outboundQueued(wasEmpty: true, queuedBytes: 10, now: Self.second)
        #expect(queued == [])
        let active = machine.turnEndStarted()
        #expect(active)
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
        let queued = machine.outboundQueued(wasEmpty: true, queuedBytes: 100, now: 2 * Self.second)
        #expect(queued == .requestTurnEnd)
        let effects = machine.closeRequested()
        #expect(effects == [.takeRemoteWrites, .releaseWaiters, .armCheck])
        #expect(machine.state == .closing)
        #expect(!machine.wantsReading)
        #expect(machine.acceptsWrites)

        let active1 = machine.turnEndStarted()
        #expect(active1)
        #expect(machine.turnEndBeforeFlush(outboundIsEmpty: false) == .flush)
        machine.wrote(now: 2 * Self.second)
        machine.writeWouldBlock()
        #expect(machine.turnEndAfterFlush(outboundBytes: 40, budgetLimit: nil, budgetSpent: false) == nil)
        let interest = machine.interestChange()
        #expect(interest == Machine.Interest(read: false, write: true))

        let response = machine.eventsArrived(Machine.Readiness(writable: true))
        #expect(response == .handle(.requestTurnEnd, .skip))
        let active2 = machine.turnEndStarted()
        #expect(active2)
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
        let active = machine.turnEndStarted()
        #expect(active)
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
        let active = machine.turnEndStarted()
        #expect(active)
        #expect(
            machine.turnEndBeforeFlush(outboundIsEmpty: false)
                == .terminate(Termination(reason: "first", graceful: false, reset: true)))
        let ending = machine.terminationStarted()
        #expect(ending)
        #expect(machine.pendingAbort == nil)
    }

    @Test("queuing more than the outbound limit aborts: the peer is not reading")
    func outboundLimit() {
        var machine = Self.started()
        let queued1 = machine.outboundQueued(wasEmpty: true, queuedBytes: 10_000, now: Self.second)
        #expect(queued1 == .requestTurnEnd)
        let queued2 = machine.outboundQueued(wasEmpty: false, queuedBytes: 10_001, now: Self.second)
        #expect(queued2 == .stopWrites)
        #expect(machine.pendingAbort == "peer is not reading: 10001 bytes queued exceed the limit of 10000 bytes")
    }

    @Test("plaintext held for TLS past the limit aborts; on a blocked socket it waits for writability")
    func plaintextQueued() {
        var machine = Self.started()
        machine.writeWouldBlock()
        let held1 = machine.plaintextQueued(queuedBytes: 500)
        #expect(held1 == [])
        let response = machine.eventsArrived(Machine.Readiness(writable: true))
        #expect(response == .handle(.requestTurnEnd, .skip))
        let active = machine.turnEndStarted()
        #expect(active)
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
        let ending1 = machine.terminationStarted()
        #expect(ending1)
        let released1 = machine.released()
        #expect(released1)
        #expect(machine.state == .released)
        let ending2 = machine.terminationStarted()
        #expect(!ending2)
        let released2 = machine.released()
        #expect(!released2)
        #expect(!machine.acceptsWrites)
        let abort = machine.abort("late")
        #expect(abort == [])
        let active = machine.turnEndStarted()
        #expect(!active)
        let interest = machine.interestChange()
        #expect(interest == nil)
    }

    @Test("a graceful end lingers watching only input, and is released at the linger deadline")
    func lingering() {
        var machine = Self.started()
        machine.writeWouldBlock()
        let interest1 = machine.interestChange()
        #expect(interest1 == Machine.Interest(read: true, write: true))
        let ending = machine.terminationStarted()
        #expect(ending)
        let linger = machine.lingerStarted(now: 5 * Self.second)
        #expect(linger == [.updateInterest, .armCheck])
        #expect(machine.state == .lingering)
        #expect(!machine.writeBlocked)
        let interest2 = machine.interestChange()
        #expect(interest2 == .reading)
        let deadline = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline == 7 * Self.second)
        let response1 = machine.eventsArrived(Machine.Readiness(readable: true))
        #expect(response1 == .discardInput)
        let check1 = machine.checkFired(now: 6 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check1 == .rearm)
        let check2 = machine.checkFired(now: 7 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check2 == .release)
        let released = machine.released()
        #expect(released)
        let response2 = machine.eventsArrived(Machine.Readiness(error: true, readable: true))
        #expect(response2 == .ignore)
        let check3 = machine.checkFired(now: 8 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check3 == .done)
    }

    // MARK: Reading

    @Test("a socket error ends the connection before anything else is looked at")
    func socketError() {
        var machine = Self.started()
        machine.writeWouldBlock()
        let response = machine.eventsArrived(Machine.Readiness(error: true, writable: true, readable: true))
        #expect(response == .socketError)
        #expect(machine.writeBlocked)
    }

    @Test("input is read only while reading is wanted; a hang-up that is not read ends the connection")
    func readingWanted() {
        var machine = Self.started()
        let response1 = machine.eventsArrived(Machine.Readiness(readable: true))
        #expect(response1 == .handle([], .read))
        let reading = machine.setReading(false, decoderHasBytes: false, now: Self.second)
        #expect(reading == .requestTurnEnd)
        let interest = machine.interestChange()
        #expect(interest == Machine.Interest.nothing)
        let response2 = machine.eventsArrived(Machine.Readiness(readable: true))
        #expect(response2 == .handle([], .skip))
        let response3 = machine.eventsArrived(Machine.Readiness(readable: true, hangUp: true))
        #expect(
            response3
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
        let reading1 = machine.setReading(true, decoderHasBytes: true, now: Self.second)
        #expect(reading1 == [])
        let reading2 = machine.setReading(false, decoderHasBytes: true, now: Self.second)
        #expect(reading2 == .requestTurnEnd)
        let reading3 = machine.setReading(false, decoderHasBytes: true, now: Self.second)
        #expect(reading3 == [])
    }

    @Test("resuming reading delivers buffered frames once and restarts a running slow-frame clock")
    func resumeReading() {
        var machine = Self.started()
        let delivery1 = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        #expect(delivery1 == .armCheck)
        let reading1 = machine.setReading(false, decoderHasBytes: true, now: 3 * Self.second)
        #expect(reading1 == .requestTurnEnd)
        let active = machine.turnEndStarted()
        #expect(active)
        let reading2 = machine.setReading(true, decoderHasBytes: true, now: 50 * Self.second)
        #expect(
            reading2
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
        let reading1 = machine.setReading(false, decoderHasBytes: false, now: Self.second)
        #expect(reading1 == .requestTurnEnd)
        _ = machine.closeRequested()
        let reading2 = machine.setReading(true, decoderHasBytes: true, now: Self.second)
        #expect(reading2 == [])
        #expect(machine.readingEnabled)
    }

    @Test("a framing error stops reading for good, and the slow-frame clock with it")
    func framingError() {
        var machine = Self.started()
        let delivery = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        #expect(delivery == .armCheck)
        let failed = machine.framingErrorFound()
        #expect(failed == .requestTurnEnd)
        #expect(machine.partialFrameSince == nil)
        #expect(!machine.wantsReading)
        let reading1 = machine.setReading(false, decoderHasBytes: true, now: Self.second)
        #expect(reading1 == [])
        let reading2 = machine.setReading(true, decoderHasBytes: true, now: Self.second)
        #expect(reading2 == [.scheduleDelivery])
        #expect(!machine.wantsReading)
        let interest = machine.interestChange()
        #expect(interest == Machine.Interest.nothing)
    }

    @Test("the slow-frame clock starts with a frame, restarts when one completes, and stops when none is left")
    func slowFrameClock() {
        var machine = Self.started()
        let delivery1 = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        #expect(delivery1 == .armCheck)
        let delivery2 = machine.deliveryEnded(frameCompleted: false, decoderBytes: 9, now: 3 * Self.second)
        #expect(delivery2 == .done)
        #expect(machine.partialFrameSince == 2 * Self.second)
        let delivery3 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 2, now: 4 * Self.second)
        #expect(delivery3 == .armCheck)
        #expect(machine.partialFrameSince == 4 * Self.second)
        let delivery4 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 0, now: 5 * Self.second)
        #expect(delivery4 == .done)
        #expect(machine.partialFrameSince == nil)
    }

    @Test("an emptied decoder is replaced after a burst of more than 16 KiB")
    func decoderReleased() {
        var machine = Self.started()
        machine.decoderReceived(16 * 1024)
        let delivery1 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 0, now: Self.second)
        #expect(delivery1 == .done)
        machine.decoderReceived(1)
        let delivery2 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 5, now: Self.second)
        #expect(delivery2 == .armCheck)
        let delivery3 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 0, now: Self.second)
        #expect(delivery3 == .releaseDecoder)
        #expect(machine.decoderBytesSinceReset == 0)
        let delivery4 = machine.deliveryEnded(frameCompleted: true, decoderBytes: 0, now: Self.second)
        #expect(delivery4 == .done)
    }

    // MARK: Timers

    @Test("the check timer is armed only for a deadline earlier than the one pending")
    func checkArming() {
        var machine = Self.started()
        let deadline1 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline1 == 301 * Self.second)
        let deadline2 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline2 == nil)
        _ = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        let deadline3 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline3 == 32 * Self.second)
        machine.writeWouldBlock()
        let deadline4 = machine.checkToArm(outboundIsEmpty: false)
        #expect(deadline4 == 21 * Self.second)
        let check = machine.checkFired(now: 10 * Self.second, decoderBytes: 3, outboundBytes: 5)
        #expect(check == .rearm)
        let deadline5 = machine.checkToArm(outboundIsEmpty: false)
        #expect(deadline5 == 21 * Self.second)
    }

    @Test("a connection without limits has no deadline while open")
    func noLimits() {
        var machine = Self.started(Self.limits(idle: nil, frame: nil, stall: nil))
        machine.writeWouldBlock()
        _ = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        let deadline = machine.checkToArm(outboundIsEmpty: false)
        #expect(deadline == nil)
    }

    @Test("a frame not completed in time ends the connection gracefully, saying how much of it arrived")
    func slowFrame() {
        var machine = Self.started()
        _ = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        let check1 = machine.checkFired(now: 31 * Self.second, decoderBytes: 3, outboundBytes: 0)
        #expect(check1 == .rearm)
        let check2 = machine.checkFired(now: 32 * Self.second, decoderBytes: 3, outboundBytes: 0)
        #expect(
            check2
                == .terminate(
                    Termination(reason: "frame not completed within 30 s: 3 bytes of it arrived", graceful: true)))
    }

    @Test("while reading is paused a slow frame is not the peer's fault")
    func slowFramePaused() {
        var machine = Self.started()
        _ = machine.deliveryEnded(frameCompleted: false, decoderBytes: 3, now: 2 * Self.second)
        _ = machine.setReading(false, decoderHasBytes: true, now: 3 * Self.second)
        let check = machine.checkFired(now: 40 * Self.second, decoderBytes: 3, outboundBytes: 0)
        #expect(check == .rearm)
    }

    @Test("a peer that reads nothing of what waits for it is reset when the write stall timeout passes")
    func writeStall() {
        var machine = Self.started(Self.limits(stall: 250_000_000))
        let queued = machine.outboundQueued(wasEmpty: true, queuedBytes: 100, now: 2 * Self.second)
        #expect(queued == .requestTurnEnd)
        machine.writeWouldBlock()
        let check1 = machine.checkFired(now: 2 * Self.second + 249_999_999, decoderBytes: 0, outboundBytes: 100)
        #expect(check1 == .rearm)
        let check2 = machine.checkFired(now: 2 * Self.second + 250_000_000, decoderBytes: 0, outboundBytes: 100)
        #expect(
            check2
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
        let check1 = machine.checkFired(now: 301 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check1 == .rearm)
        let idle = Termination(reason: "idle for 300 s with no call in flight", graceful: true)
        let check2 = machine.checkFired(now: 302 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check2 == .idle(idle))
        machine.idleDeferred(now: 302 * Self.second)
        let deadline = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline == 303 * Self.second)
        let check3 = machine.checkFired(now: 302 * Self.second + 1, decoderBytes: 0, outboundBytes: 0)
        #expect(check3 == .rearm)
        let check4 = machine.checkFired(now: 303 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check4 == .idle(idle))
    }

    @Test("a closing connection whose queued bytes make no progress is dropped after the close flush time")
    func closeFlushTimeout() {
        var machine = Self.started()
        _ = machine.outboundQueued(wasEmpty: true, queuedBytes: 100, now: 2 * Self.second)
        _ = machine.closeRequested()
        let deadline1 = machine.checkToArm(outboundIsEmpty: false)
        #expect(deadline1 == 32 * Self.second)
        let deadline2 = machine.checkToArm(outboundIsEmpty: true)
        #expect(deadline2 == nil)
        let check1 = machine.checkFired(now: 400 * Self.second, decoderBytes: 0, outboundBytes: 0)
        #expect(check1 == .rearm)
        let check2 = machine.checkFired(now: 32 * Self.second, decoderBytes: 0, outboundBytes: 100)
        #expect(
            check2
                == .terminate(Termination(reason: "peer did not read the last 100 bytes within 30 s", graceful: false)))
    }

    // MARK: Interest

    @Test("epoll is told only of changes to what the connection wants")
    func interestChanges() {
        var machine = Self.started()
        let interest1 = machine.interestChange()
        #expect(interest1 == nil)
        machine.writeWouldBlock()
        let interest2 = machine.interestChange()
        #expect(interest2 == Machine.Interest(read: true, write: true))
        let interest3 = machine.interestChange()
        #expect(interest3 == nil)
        _ = machine.abort("limit")
        let interest4 = machine.interestChange()
        #expect(interest4 == Machine.Interest(read: false, write: true))
        #expect(
            TCPConnection.events(Machine.Interest(read: true, write: true)) == cepoll_EPOLLIN | cepoll_EPOLLRDHUP
                | cepoll_EPOLLOUT)
        #expect(TCPConnection.events(.nothing) == 0)
    }
}

import CEpoll
import FramedRPC
import Glibc
import Synchronization

extension TCPConnection {
    /// End of the loop turn: close if asked, flush queued bytes in one go, then bring the
    /// epoll interest set in line with what the connection wants.
    func turnEnded() {
        guard machine.turnEndStarted() else { return }
        if tls != nil { encryptQueuedPlaintext() }
        switch machine.turnEndBeforeFlush(outboundIsEmpty: outbound.isEmpty) {
        case .terminate(let termination):
            terminate(termination)
            return
        case .flush:
            guard flush() else { return }
        case .skipFlush:
            break
        }
        let budget = outbound.budget
        if let termination = machine.turnEndAfterFlush(
            outboundBytes: outbound.bytes, budgetLimit: budget?.limit, budgetSpent: budget?.isSpent ?? false)
        {
            terminate(termination)
            return
        }
        updateInterest()
    }

    /// Sends queued bytes until done or the socket is full. False when a write error closed
    /// the connection.
    private func flush() -> Bool {
        while !outbound.isEmpty {
            let (sent, offered) = outbound.send(fd: fd, scratch: loop.writeBuffer)
            if sent < 0 {
                if sent == -Int(EAGAIN) {
                    machine.writeWouldBlock()
                    break
                }
                terminate(reason: "write failed: \(Self.describe(errno: Int32(-sent)))", graceful: false)
                return false
            }
            queuedBytes.wrappingSubtract(sent, ordering: .relaxed)
            machine.wrote(now: loop.now)
            if sent < offered {
                machine.writeWouldBlock()
                break
            }
        }
        if machine.writeBlocked { armCheck() }
        if !writableWaiters.isEmpty && queuedBytes.load(ordering: .relaxed) < limits.lowWater {
            resumeWritableWaiters(true)
        }
        return true
    }

    /// Best effort: sends what fits now, ignoring errors (the connection is going away).
    func sendQueuedQuietly() {
        while !outbound.isEmpty {
            let (sent, offered) = outbound.send(fd: fd, scratch: loop.writeBuffer)
            guard sent > 0 else { return }
            queuedBytes.wrappingSubtract(sent, ordering: .relaxed)
            if sent < offered { return }
        }
    }

    /// Tells epoll what the connection wants now, when that changed.
    func updateInterest() {
        guard let interest = machine.interestChange() else { return }
        loop.modify(fd: fd, tag: tag, events: Self.events(interest))
    }

    /// The epoll events for `interest`.
    static func events(_ interest: TCPConnectionStateMachine.Interest) -> UInt32 {
        (interest.read ? cepoll_EPOLLIN | cepoll_EPOLLRDHUP : 0) | (interest.write ? cepoll_EPOLLOUT : 0)
    }

    /// Ends the connection for the runtime (see `terminate(_:)`).
    func terminate(reason: String, graceful: Bool, reset: Bool = false) {
        terminate(TCPConnectionStateMachine.Termination(reason: reason, graceful: graceful, reset: reset))
    }

    /// Ends the connection for the runtime: `connectionClosed(reason:)` exactly once, queued
    /// bytes dropped (after one last attempt when `graceful`), waiters released. A graceful
    /// end shuts down the write side and drains input for a moment so the peer reads our last
    /// bytes instead of a reset. With `reset` the socket is closed with a reset: the bytes the
    /// kernel still holds for a peer that is not reading are dropped at once, and the peer
    /// learns of the close now rather than after reading them.
    func terminate(_ termination: TCPConnectionStateMachine.Termination) {
        if termination.sendQueuedFirst { sendQueuedQuietly() }
        guard machine.terminationStarted() else { return }
        closedForWrites.store(true, ordering: .relaxed)
        let graceful = termination.graceful
        if tls != nil { endTLS(reason: termination.reason, graceful: graceful) }
        if graceful { sendQueuedQuietly() }
        queuedBytes.wrappingSubtract(outbound.bytes, ordering: .relaxed)
        outbound.removeAll()
        decoder = FrameDecoder(maxFrameBytes: limits.maxFrameBytes)
        resumeWritableWaiters(false)
        let inbound = self.inbound
        self.inbound = nil
        if graceful && cepoll_shutdown_write(fd) == 0 {
            perform(machine.lingerStarted(now: loop.now))
        } else {
            if termination.reset { cepoll_set_linger_reset(fd) }
            release()
        }
        inbound?.connectionClosed(reason: termination.reason)
        if let onClose {
            self.onClose = nil
            onClose(self)
        }
    }

    /// Closes the descriptor. Loop thread only.
    func release() {
        guard machine.released() else { return }
        loop.deregister(fd: fd, removeFromEpoll: false)
        Glibc.close(fd)
    }

    // MARK: Timers

    /// Makes sure a check runs by the earliest deadline the connection has (idle, slow frame,
    /// close flush, linger). One timer is normally pending per connection.
    func armCheck() {
        guard let next = machine.checkToArm(outboundIsEmpty: outbound.isEmpty) else { return }
        loop.scheduleTimer(at: next) { [weak self] in self?.runCheck() }
    }

    private func runCheck() {
        let now = loop.now
        switch machine.checkFired(now: now, decoderBytes: decoder.bufferedBytes, outboundBytes: outbound.bytes) {
        case .terminate(let termination):
            terminate(termination)
            return
        case .idle(let termination):
            if inbound?.isIdle ?? true {
                terminate(termination)
                return
            }
            machine.idleDeferred(now: now)
        case .release:
            release()
            return
        case .rearm:
            break
        case .done:
            return
        }
        armCheck()
    }
}

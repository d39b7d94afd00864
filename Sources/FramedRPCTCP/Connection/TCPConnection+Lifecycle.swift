import CEpoll
import FramedRPC
import Glibc
import Synchronization

extension TCPConnection {
    /// End of the loop turn: close if asked, flush queued bytes in one go, then bring the
    /// epoll interest set in line with what the connection wants.
    func turnEnded() {
        queuedForTurnEnd = false
        guard state == .open || state == .closing else { return }
        if tls != nil { encryptQueuedPlaintext() }
        if let reason = pendingAbort {
            terminate(reason: reason, graceful: false, reset: true)
            return
        }
        if !outbound.isEmpty && !writeBlocked {
            guard flush() else { return }
        }
        if writeBlocked, let budget = outbound.budget, budget.isSpent, outbound.bytes >= limits.highWater {
            terminate(
                reason: "peer is not keeping up: \(outbound.bytes) bytes wait for it while the server-wide "
                    + "outbound budget of \(budget.limit) bytes is spent", graceful: false, reset: true)
            return
        }
        if state == .closing && outbound.isEmpty {
            terminate(reason: closeReason, graceful: true)
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
                    writeBlocked = true
                    break
                }
                terminate(reason: "write failed: \(Self.describe(errno: Int32(-sent)))", graceful: false)
                return false
            }
            queuedBytes.wrappingSubtract(sent, ordering: .relaxed)
            lastActivity = loop.now
            lastWriteProgress = loop.now
            if sent < offered {
                writeBlocked = true
                break
            }
        }
        if writeBlocked { armCheck() }
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

    func updateInterest() {
        var events: UInt32 = 0
        switch state {
        case .open where readingEnabled && !framingFailed && pendingAbort == nil,
            .lingering:
            events = cepoll_EPOLLIN | cepoll_EPOLLRDHUP
        default:
            break
        }
        if writeBlocked && (state == .open || state == .closing) { events |= cepoll_EPOLLOUT }
        guard events != registeredEvents, state != .released else { return }
        registeredEvents = events
        loop.modify(fd: fd, tag: tag, events: events)
    }

    /// Ends the connection for the runtime: `connectionClosed(reason:)` exactly once, queued
    /// bytes dropped (after one last attempt when `graceful`), waiters released. A graceful
    /// end shuts down the write side and drains input for a moment so the peer reads our last
    /// bytes instead of a reset. With `reset` the socket is closed with a reset: the bytes the
    /// kernel still holds for a peer that is not reading are dropped at once, and the peer
    /// learns of the close now rather than after reading them.
    func terminate(reason: String, graceful: Bool, reset: Bool = false) {
        guard state == .open || state == .closing else { return }
        closedForWrites.store(true, ordering: .relaxed)
        pendingAbort = nil
        if tls != nil { endTLS(reason: reason, graceful: graceful) }
        if graceful { sendQueuedQuietly() }
        queuedBytes.wrappingSubtract(outbound.bytes, ordering: .relaxed)
        outbound.removeAll()
        decoder = FrameDecoder(maxFrameBytes: limits.maxFrameBytes)
        partialFrameSince = nil
        resumeWritableWaiters(false)
        let inbound = self.inbound
        self.inbound = nil
        if graceful && cepoll_shutdown_write(fd) == 0 {
            state = .lingering
            writeBlocked = false
            lingerDeadline = loop.now &+ limits.lingerNanos
            updateInterest()
            armCheck()
        } else {
            if reset { cepoll_set_linger_reset(fd) }
            release()
        }
        inbound?.connectionClosed(reason: reason)
        if let onClose {
            self.onClose = nil
            onClose(self)
        }
    }

    /// Closes the descriptor. Loop thread only.
    func release() {
        guard state != .released else { return }
        state = .released
        loop.deregister(fd: fd, removeFromEpoll: false)
        Glibc.close(fd)
    }

    // MARK: Timers

    /// Makes sure a check runs by the earliest deadline the connection has (idle, slow frame,
    /// close flush, linger). One timer is normally pending per connection.
    func armCheck() {
        let next = nextCheckDeadline()
        guard next < checkScheduledAt else { return }
        checkScheduledAt = next
        loop.scheduleTimer(at: next) { [weak self] in self?.runCheck() }
    }

    private func nextCheckDeadline() -> UInt64 {
        switch state {
        case .open:
            var next = UInt64.max
            if let idle = limits.idleTimeoutNanos { next = max(lastActivity &+ idle, idleRecheckAt) }
            if let frame = limits.frameTimeoutNanos, let since = partialFrameSince, readingEnabled,
                !framingFailed
            {
                next = min(next, since &+ frame)
            }
            if let stall = limits.writeStallNanos, writeBlocked { next = min(next, lastWriteProgress &+ stall) }
            return next
        case .closing:
            return outbound.isEmpty ? .max : lastWriteProgress &+ limits.closeFlushNanos
        case .lingering:
            return lingerDeadline
        case .released:
            return .max
        }
    }

    private func runCheck() {
        checkScheduledAt = .max
        let now = loop.now
        switch state {
        case .open:
            if let frame = limits.frameTimeoutNanos, let since = partialFrameSince, readingEnabled,
                !framingFailed, now >= since &+ frame
            {
                terminate(
                    reason: "frame not completed within \(Self.seconds(frame)): "
                        + "\(decoder.bufferedBytes) bytes of it arrived",
                    graceful: true)
                return
            }
            if let stall = limits.writeStallNanos, writeBlocked, now >= lastWriteProgress &+ stall {
                terminate(
                    reason: "peer read nothing for \(Self.seconds(stall)) while \(outbound.bytes) bytes waited "
                        + "for it", graceful: false, reset: true)
                return
            }
            if let idle = limits.idleTimeoutNanos, now >= lastActivity &+ idle, now >= idleRecheckAt {
                if inbound?.isIdle ?? true {
                    terminate(reason: "idle for \(Self.seconds(idle)) with no call in flight", graceful: true)
                    return
                }
                idleRecheckAt = now &+ min(idle, 1_000_000_000)
            }
        case .closing:
            if !outbound.isEmpty && now >= lastWriteProgress &+ limits.closeFlushNanos {
                terminate(
                    reason: "peer did not read the last \(outbound.bytes) bytes within "
                        + Self.seconds(limits.closeFlushNanos),
                    graceful: false)
                return
            }
        case .lingering:
            if now >= lingerDeadline {
                release()
                return
            }
        case .released:
            return
        }
        armCheck()
    }

    /// "30 s" or "250 ms".
    static func seconds(_ nanos: UInt64) -> String {
        nanos % 1_000_000_000 == 0 ? "\(nanos / 1_000_000_000) s" : "\(nanos / 1_000_000) ms"
    }
}

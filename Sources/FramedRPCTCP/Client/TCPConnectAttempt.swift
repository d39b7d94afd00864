import CEpoll
import FramedRPC
import Glibc

/// A non-blocking connect in progress on an event loop, bounded by a timeout that also
/// covers the TLS handshake when there is one. Completes its continuation exactly once: with
/// a started `TCPConnection` (its handshake finished), or with an `RPCError` (UNAVAILABLE, or
/// CANCELLED when the connecting task was cancelled).
final class TCPConnectAttempt: EventLoopSelectable, @unchecked Sendable {
    let loop: EventLoop
    private let fd: Int32
    private let inProgress: Bool
    private let target: String
    private let limits: TCPConnectionLimits
    private let timeoutNanos: UInt64
    private let inbound: any RPCConnectionInbound
    private let tls: (context: TLSContext, serverName: String)?
    private var continuation: CheckedContinuation<TCPConnection, any Error>?
    private var registered = false
    private var timer: UInt64?
    private var cancelled = false
    /// The connection made once TCP is up (during its TLS handshake, if any).
    private var connection: TCPConnection?
    /// True once a `TCPConnection` owns the socket: from then on only it closes it.
    private var socketHandedOver = false

    init(
        fd: Int32, inProgress: Bool, loop: EventLoop, target: String, limits: TCPConnectionLimits,
        timeoutNanos: UInt64, inbound: any RPCConnectionInbound, tls: (context: TLSContext, serverName: String)? = nil
    ) {
        self.fd = fd
        self.inProgress = inProgress
        self.loop = loop
        self.target = target
        self.limits = limits
        self.timeoutNanos = timeoutNanos
        self.inbound = inbound
        self.tls = tls
    }

    /// Begins waiting for the connect to finish. Loop thread only.
    func start(_ continuation: CheckedContinuation<TCPConnection, any Error>) {
        self.continuation = continuation
        if cancelled {
            fail(code: .cancelled, "the connecting task was cancelled")
            return
        }
        timer = loop.scheduleTimer(at: cepoll_monotonic_ns() &+ timeoutNanos) { [weak self] in
            guard let self else { return }
            self.timer = nil
            let stage = self.connection == nil ? "" : " (during the TLS handshake)"
            self.fail(
                code: .unavailable, "timed out after \(TCPConnectionStateMachine.seconds(self.timeoutNanos))\(stage)")
        }
        guard inProgress else {
            connected()
            return
        }
        guard loop.register(fd: fd, events: cepoll_EPOLLOUT, handler: self) != nil else {
            fail(code: .unavailable, "cannot watch the socket")
            return
        }
        registered = true
    }

    /// The connecting task was cancelled. Loop thread only.
    func cancel() {
        cancelled = true
        fail(code: .cancelled, "the connecting task was cancelled")
    }

    func handleEvents(_ events: UInt32) {
        let error = cepoll_socket_error(fd)
        if error != 0 {
            fail(code: .unavailable, String(cString: strerror(error)))
        } else if events & (cepoll_EPOLLERR | cepoll_EPOLLHUP) != 0 {
            fail(code: .unavailable, "the connection was refused or reset")
        } else {
            connected()
        }
    }

    func loopWillClose() {
        fail(code: .unavailable, "the event loop shut down")
    }

    /// TCP is up: start the connection, and with TLS wait for its handshake.
    private func connected() {
        guard continuation != nil else { return }
        if registered {
            loop.deregister(fd: fd, removeFromEpoll: true)
            registered = false
        }
        let connection = TCPConnection(fd: fd, loop: loop, peer: target, limits: limits)
        if let tls {
            let session: TLSSession
            do {
                session = try tls.context.makeSession(serverName: tls.serverName)
            } catch {
                fail(code: .unavailable, "TLS: \(error)")
                return
            }
            // Held strongly until it fires (always once: finished, or ended by `terminate`).
            session.onHandshakeFinished = { error in
                if let error {
                    // Called while the connection is ending: it must not be ended again.
                    self.connection = nil
                    self.fail(code: .unavailable, error.message)
                } else {
                    self.succeed()
                }
            }
            connection.tls = session
        }
        self.connection = connection
        socketHandedOver = true
        guard connection.start(inbound: inbound) else {
            self.connection = nil
            fail(code: .unavailable, "cannot watch the socket")
            return
        }
        if tls == nil { succeed() }
    }

    private func succeed() {
        guard let continuation, let connection else { return }
        self.continuation = nil
        self.connection = nil
        if let timer { loop.cancelTimer(timer) }
        continuation.resume(returning: connection)
    }

    private func fail(code: RPCError.Code, _ reason: String) {
        guard let continuation else { return }
        self.continuation = nil
        if let timer { loop.cancelTimer(timer) }
        if let connection {
            // The connection owns the socket; ending it reports back here, already finished.
            self.connection = nil
            connection.terminate(reason: reason, graceful: false)
        } else if !socketHandedOver {
            if registered { loop.deregister(fd: fd, removeFromEpoll: false) }
            Glibc.close(fd)
        }
        continuation.resume(throwing: RPCError(code: code, message: "cannot connect to \(target): \(reason)"))
    }
}

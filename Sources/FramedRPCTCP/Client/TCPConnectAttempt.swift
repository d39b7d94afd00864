import CEpoll
import FramedRPC
import Glibc

/// A non-blocking connect in progress on an event loop, bounded by a timeout. Completes its
/// continuation exactly once: with a started `TCPConnection`, or with an `RPCError`
/// (UNAVAILABLE, or CANCELLED when the connecting task was cancelled).
final class TCPConnectAttempt: EventLoopSelectable, @unchecked Sendable {
    let loop: EventLoop
    private let fd: Int32
    private let inProgress: Bool
    private let target: String
    private let limits: TCPConnectionLimits
    private let timeoutNanos: UInt64
    private let inbound: any RPCConnectionInbound
    private var continuation: CheckedContinuation<TCPConnection, any Error>?
    private var registered = false
    private var timer: UInt64?
    private var cancelled = false

    init(
        fd: Int32, inProgress: Bool, loop: EventLoop, target: String, limits: TCPConnectionLimits,
        timeoutNanos: UInt64, inbound: any RPCConnectionInbound
    ) {
        self.fd = fd
        self.inProgress = inProgress
        self.loop = loop
        self.target = target
        self.limits = limits
        self.timeoutNanos = timeoutNanos
        self.inbound = inbound
    }

    /// Begins waiting for the connect to finish. Loop thread only.
    func start(_ continuation: CheckedContinuation<TCPConnection, any Error>) {
        self.continuation = continuation
        if cancelled {
            fail(code: .cancelled, "the connecting task was cancelled")
            return
        }
        guard inProgress else {
            succeed()
            return
        }
        guard let tag = loop.register(fd: fd, events: cepoll_EPOLLOUT, handler: self) else {
            fail(code: .unavailable, "cannot watch the socket")
            return
        }
        _ = tag
        registered = true
        timer = loop.scheduleTimer(at: cepoll_monotonic_ns() &+ timeoutNanos) { [weak self] in
            guard let self else { return }
            self.timer = nil
            self.fail(code: .unavailable, "timed out after \(TCPConnection.seconds(self.timeoutNanos))")
        }
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
            succeed()
        }
    }

    func loopWillClose() {
        fail(code: .unavailable, "the event loop shut down")
    }

    private func succeed() {
        guard let continuation else { return }
        self.continuation = nil
        if let timer { loop.cancelTimer(timer) }
        if registered {
            loop.deregister(fd: fd, removeFromEpoll: true)
            registered = false
        }
        let connection = TCPConnection(fd: fd, loop: loop, peer: target, limits: limits)
        if connection.start(inbound: inbound) {
            continuation.resume(returning: connection)
        } else {
            continuation.resume(throwing: RPCError(code: .unavailable, message: "cannot connect to \(target): cannot watch the socket"))
        }
    }

    private func fail(code: RPCError.Code, _ reason: String) {
        guard let continuation else { return }
        self.continuation = nil
        if let timer { loop.cancelTimer(timer) }
        if registered { loop.deregister(fd: fd, removeFromEpoll: false) }
        Glibc.close(fd)
        continuation.resume(throwing: RPCError(code: code, message: "cannot connect to \(target): \(reason)"))
    }
}

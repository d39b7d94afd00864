import CEpoll
import Glibc

/// A listening socket on one event loop, accepting connections as they become ready.
///
/// On running out of descriptors (EMFILE, ENFILE) or memory it stops watching the socket for
/// 100 ms instead of spinning on a readiness it cannot act on.
final class TCPListener: EventLoopSelectable, @unchecked Sendable {
    /// The loop the listener is registered with.
    let loop: EventLoop
    private let fd: Int32
    private var tag: UInt64 = 0
    private var onAccept: ((Int32, String) -> Void)?
    private var closed = false
    private let peerText = UnsafeMutablePointer<CChar>.allocate(capacity: 64)

    /// The most connections taken per readiness event, so one listener cannot hog a turn.
    private static let acceptsPerEvent = 256
    private static let pauseNanos: UInt64 = 100_000_000

    init(fd: Int32, loop: EventLoop) {
        self.fd = fd
        self.loop = loop
    }

    deinit {
        peerText.deallocate()
        if !closed { Glibc.close(fd) }
    }

    /// Starts accepting; `onAccept` gets each new non-blocking socket and its peer address.
    /// Loop thread only.
    func start(_ onAccept: @escaping (Int32, String) -> Void) {
        guard !closed else { return }
        self.onAccept = onAccept
        if let tag = loop.register(fd: fd, events: cepoll_EPOLLIN, handler: self) { self.tag = tag }
    }

    /// Closes the listening socket. Loop thread only; idempotent.
    func stop() {
        guard !closed else { return }
        closed = true
        onAccept = nil
        loop.deregister(fd: fd, removeFromEpoll: false)
        Glibc.close(fd)
    }

    func handleEvents(_ events: UInt32) {
        for _ in 0..<Self.acceptsPerEvent {
            guard !closed, let onAccept else { return }
            let connection = cepoll_accept(fd, peerText, 64)
            if connection >= 0 {
                onAccept(connection, String(cString: peerText))
                continue
            }
            switch -connection {
            case EAGAIN:
                return
            case ECONNABORTED, EPROTO, EPERM, EINTR:
                continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                pause()
                return
            default:
                return
            }
        }
    }

    func loopWillClose() {
        stop()
    }

    private func pause() {
        loop.modify(fd: fd, tag: tag, events: 0)
        loop.scheduleTimer(at: loop.now &+ Self.pauseNanos) { [weak self] in
            guard let self, !self.closed else { return }
            self.loop.modify(fd: self.fd, tag: self.tag, events: cepoll_EPOLLIN)
        }
    }
}

/// The values `TCPConnectionStateMachine` takes and returns: what epoll reported, what the
/// connection asks of epoll, and the actions the connection performs after a transition.
extension TCPConnectionStateMachine {
    /// Where the connection is in its life.
    enum State: Equatable, Sendable {
        /// Reading and writing.
        case open
        /// `close()` was called: no more reading; queued bytes are flushed, then it closes.
        case closing
        /// Closed for the runtime; the write side is shut down and unread input is drained
        /// until the peer closes or `lingerNanos` pass, so the peer sees our last bytes.
        case lingering
        /// The descriptor is closed.
        case released
    }

    /// The readiness epoll is asked to report: input (and the peer's half close), and room to
    /// write.
    struct Interest: Equatable, Sendable {
        /// Input and the peer's half close (EPOLLIN, EPOLLRDHUP).
        var read: Bool
        /// Room to write (EPOLLOUT).
        var write: Bool

        /// Nothing watched.
        static let nothing = Interest(read: false, write: false)
        /// Input only: what a connection is registered with.
        static let reading = Interest(read: true, write: false)
    }

    /// What epoll reported for the socket.
    struct Readiness: Equatable, Sendable {
        /// The socket has an error pending (EPOLLERR).
        var error = false
        /// There is room to write (EPOLLOUT).
        var writable = false
        /// Input, the peer's half close, or a hang-up (EPOLLIN, EPOLLRDHUP, EPOLLHUP).
        var readable = false
        /// The connection is hung up both ways (EPOLLHUP).
        var hangUp = false
    }

    /// Loop-side actions the connection performs after a transition, in the order listed.
    struct Effects: OptionSet, Sendable {
        let rawValue: UInt8

        /// Makes `closedForWrites` true: writes from any thread are dropped from now on.
        static let stopWrites = Effects(rawValue: 1 << 0)
        /// Queues the frames still being handed over from other threads.
        static let takeRemoteWrites = Effects(rawValue: 1 << 1)
        /// Queues a pass delivering buffered frames on the loop (`deliverFrames`).
        static let scheduleDelivery = Effects(rawValue: 1 << 2)
        /// Resumes every `waitUntilWritable` caller with `false`.
        static let releaseWaiters = Effects(rawValue: 1 << 3)
        /// Queues the connection for the loop's end-of-turn pass (`turnEnded`).
        static let requestTurnEnd = Effects(rawValue: 1 << 4)
        /// Brings epoll's interest set in line with `interestChange()`.
        static let updateInterest = Effects(rawValue: 1 << 5)
        /// Schedules the check timer by `checkToArm(outboundIsEmpty:)`.
        static let armCheck = Effects(rawValue: 1 << 6)
    }

    /// How the connection ends (`TCPConnection.terminate`).
    struct Termination: Equatable, Sendable {
        /// The reason given to the runtime's `connectionClosed(reason:)`.
        var reason: String
        /// Send the last queued bytes, shut down the write side and linger; otherwise the
        /// descriptor is closed at once.
        var graceful: Bool
        /// Close with a reset: the kernel drops the bytes it still holds for the peer.
        var reset = false
        /// Before ending, send what fits of the queued bytes, ignoring errors (the peer may
        /// only have shut down its sending side).
        var sendQueuedFirst = false
    }

    /// What to do with the readiness epoll reported (`eventsArrived`).
    enum EventResponse: Equatable, Sendable {
        /// Nothing: the descriptor is closed.
        case ignore
        /// Lingering: read and discard input, releasing the descriptor at end of input or an
        /// error.
        case discardInput
        /// The socket has an error: end the connection with it, without a flush.
        case socketError
        /// Perform the effects, then the read response.
        case handle(Effects, ReadResponse)
    }

    /// Whether to read the socket.
    enum ReadResponse: Equatable, Sendable {
        /// Not now.
        case skip
        /// Read once and deliver what completes.
        case read
        /// The peer hung up and nothing is to be read: end the connection.
        case terminate(Termination)
    }

    /// The end-of-turn step before the flush (`turnEndBeforeFlush`).
    enum TurnEndStep: Equatable, Sendable {
        /// End the connection.
        case terminate(Termination)
        /// Send the queued bytes until done or the socket is full.
        case flush
        /// Nothing to send now.
        case skipFlush
    }

    /// What a delivery pass leaves to do (`deliveryEnded`).
    enum DeliveryEnd: Equatable, Sendable {
        /// Nothing more.
        case done
        /// Replace the empty decoder, giving back its buffer.
        case releaseDecoder
        /// A slow-frame clock started: schedule the check timer.
        case armCheck
    }

    /// What the check timer found (`checkFired`).
    enum CheckOutcome: Equatable, Sendable {
        /// A deadline passed: end the connection.
        case terminate(Termination)
        /// The idle deadline passed: end the connection with this if the runtime has no call
        /// in flight; otherwise `idleDeferred(now:)`, then arm the check timer again.
        case idle(Termination)
        /// The linger deadline passed: close the descriptor.
        case release
        /// No deadline passed: arm the check timer for the next one.
        case rearm
        /// The descriptor is closed: no more checks.
        case done
    }
}

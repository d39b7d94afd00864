import CEpoll
import FramedRPC
import Glibc
import Synchronization

extension TCPConnection: EventLoopSelectable {
    /// Readiness for the socket. Level-triggered on purpose: one `read` of up to 64 KiB per
    /// turn per connection keeps busy connections from starving others, and needs no extra
    /// `read` returning EAGAIN as edge triggering would.
    func handleEvents(_ events: UInt32) {
        switch state {
        case .released: return
        case .lingering:
            discardLingeringInput()
            return
        case .open, .closing: break
        }
        if events & cepoll_EPOLLERR != 0 {
            let code = cepoll_socket_error(fd)
            terminate(reason: "socket error: \(Self.describe(errno: code))", graceful: false)
            return
        }
        if events & cepoll_EPOLLOUT != 0 && writeBlocked {
            writeBlocked = false
            requestTurnEnd()
        }
        if events & (cepoll_EPOLLIN | cepoll_EPOLLRDHUP | cepoll_EPOLLHUP) != 0 {
            if wantsReading {
                readAvailable()
            } else if events & cepoll_EPOLLHUP != 0 {
                terminate(reason: "peer closed the connection", graceful: false)
            }
        }
    }

    func loopWillClose() {
        terminate(reason: "event loop shut down", graceful: false)
        release()
    }

    /// True while frames should be read and delivered.
    var wantsReading: Bool {
        state == .open && readingEnabled && !framingFailed && pendingAbort == nil
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        let count = cepoll_read(fd, buffer.baseAddress, buffer.count)
        if count > 0 {
            lastActivity = loop.now
            if tls != nil {
                return receiveCiphertext(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
            }
            decoder.append(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
            decoderBytesSinceReset += count
            deliverFrames()
        } else if count == 0 {
            let reason =
                decoder.bufferedBytes > 0
                ? "peer closed the connection in the middle of a frame "
                    + "(\(decoder.bufferedBytes) bytes of it received)"
                : "peer closed the connection"
            // The peer may only have shut down its sending side: give it what is queued.
            sendQueuedQuietly()
            terminate(reason: reason, graceful: false)
        } else if count != -Int(EAGAIN) {
            terminate(reason: "read failed: \(Self.describe(errno: Int32(-count)))", graceful: false)
        }
    }

    /// Hands every complete buffered frame to the inbound side, in order, while reading is
    /// enabled. A framing error is reported once; reading then stops for good.
    func deliverFrames() {
        deliveryScheduled = false
        var delivered = false
        while wantsReading, let inbound {
            let frame: [UInt8]?
            do {
                frame = try decoder.nextFrame()
            } catch {
                framingFailed = true
                partialFrameSince = nil
                requestTurnEnd()
                inbound.receive(frameError: error)
                return
            }
            guard let frame else { break }
            delivered = true
            inbound.receive(frame: frame)
        }
        updatePartialFrameClock(frameCompleted: delivered)
    }

    /// Delivers buffered frames later in this turn (after reading was re-enabled).
    func scheduleDelivery() {
        guard !deliveryScheduled else { return }
        deliveryScheduled = true
        loop.execute { self.deliverFrames() }
    }

    /// Starts or stops the slow-frame clock, and gives back decoder memory once it is empty
    /// after a burst, so that idle connections hold no large buffers. The clock times the
    /// frame now arriving: when a frame completed, the bytes left over start a new one, so a
    /// steady stream whose reads end mid-frame never trips it.
    private func updatePartialFrameClock(frameCompleted: Bool) {
        guard state == .open else { return }
        if decoder.bufferedBytes == 0 {
            partialFrameSince = nil
            if decoderBytesSinceReset > 16 * 1024 {
                decoder = FrameDecoder(maxFrameBytes: limits.maxFrameBytes)
                decoderBytesSinceReset = 0
            }
        } else if readingEnabled && (partialFrameSince == nil || frameCompleted) {
            partialFrameSince = loop.now
            armCheck()
        }
    }

    private func discardLingeringInput() {
        let buffer = loop.readBuffer
        let count = cepoll_read(fd, buffer.baseAddress, buffer.count)
        if count == 0 || (count < 0 && count != -Int(EAGAIN)) { release() }
    }

    /// The text for an errno value.
    static func describe(errno code: Int32) -> String {
        String(cString: strerror(code))
    }
}

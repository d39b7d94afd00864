import CEpoll
import FramedRPC
import Glibc
import Synchronization

extension TCPConnection: EventLoopSelectable {
    /// Readiness for the socket. Level-triggered on purpose: one `read` of up to 64 KiB per
    /// turn per connection keeps busy connections from starving others, and needs no extra
    /// `read` returning EAGAIN as edge triggering would.
    func handleEvents(_ events: UInt32) {
        let readiness = TCPConnectionStateMachine.Readiness(
            error: events & cepoll_EPOLLERR != 0, writable: events & cepoll_EPOLLOUT != 0,
            readable: events & (cepoll_EPOLLIN | cepoll_EPOLLRDHUP | cepoll_EPOLLHUP) != 0,
            hangUp: events & cepoll_EPOLLHUP != 0)
        switch machine.eventsArrived(readiness) {
        case .ignore:
            return
        case .discardInput:
            discardLingeringInput()
        case .socketError:
            let code = cepoll_socket_error(fd)
            terminate(reason: "socket error: \(Self.describe(errno: code))", graceful: false)
        case .handle(let effects, let read):
            perform(effects)
            switch read {
            case .skip: break
            case .read: readAvailable()
            case .terminate(let termination): terminate(termination)
            }
        }
    }

    func loopWillClose() {
        terminate(reason: "event loop shut down", graceful: false)
        release()
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        let count = cepoll_read(fd, buffer.baseAddress, buffer.count)
        if count > 0 {
            machine.bytesRead(now: loop.now)
            if tls != nil {
                return receiveCiphertext(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
            }
            decoder.append(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
            machine.decoderReceived(count)
            deliverFrames()
        } else if count == 0 {
            terminate(machine.readEnded(decoderBytes: decoder.bufferedBytes))
        } else if count != -Int(EAGAIN) {
            terminate(reason: "read failed: \(Self.describe(errno: Int32(-count)))", graceful: false)
        }
    }

    /// Hands every complete buffered frame to the inbound side, in order, while reading is
    /// enabled. A framing error is reported once; reading then stops for good.
    func deliverFrames() {
        machine.deliveryStarted()
        var delivered = false
        while machine.wantsReading, let inbound {
            let frame: [UInt8]?
            do {
                frame = try decoder.nextFrame()
            } catch {
                perform(machine.framingErrorFound())
                inbound.receive(frameError: error)
                return
            }
            guard let frame else { break }
            delivered = true
            inbound.receive(frame: frame)
        }
        switch machine.deliveryEnded(frameCompleted: delivered, decoderBytes: decoder.bufferedBytes, now: loop.now) {
        case .done: break
        case .releaseDecoder: decoder = FrameDecoder(maxFrameBytes: limits.maxFrameBytes)
        case .armCheck: armCheck()
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

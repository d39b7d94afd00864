import FramedRPC
import Synchronization

/// TLS on a `TCPConnection`, on the connection's own event loop. With a `tls` session set,
/// the socket carries ciphertext: what is read is decrypted before the frame decoder, and the
/// frames written are held as plaintext in the session until the end of the loop turn, then
/// encrypted together (small frames share records) and queued for the socket. `queuedBytes`
/// counts plaintext until it is encrypted, then the ciphertext.
///
/// The loop's two scratch buffers are free at the points these run (reading has copied the
/// socket's bytes into the session; writing gathers only during `flush`), so decryption and
/// record gathering use `loop.writeBuffer`.
extension TCPConnection {
    /// Starts the session: arms the handshake timeout and, for a client, sends its hello.
    /// Called by `start(inbound:)`.
    func startTLS() {
        guard let tls else { return }
        let timeout = EventLoop.nanoseconds(tls.context.configuration.handshakeTimeout)
        loop.scheduleTimer(at: loop.now &+ timeout) { [weak self] in
            guard let self, let tls = self.tls, !tls.isHandshakeComplete else { return }
            self.terminate(
                reason: "TLS handshake timed out after \(TCPConnectionStateMachine.seconds(timeout))", graceful: false)
        }
        guard tls.isClient else { return }
        do {
            try tls.startHandshake()
            moveCiphertext()
        } catch {
            terminate(reason: error.message, graceful: false)
        }
    }

    /// Ciphertext read from the socket: decrypts it into the frame decoder, queues what the
    /// session must answer, and delivers complete frames. A TLS failure sends the alert and
    /// closes the connection.
    func receiveCiphertext(_ bytes: UnsafeRawBufferPointer) {
        guard let tls else { return }
        let open: Bool
        do {
            open = try tls.receive(ciphertext: bytes, scratch: loop.writeBuffer) { plaintext in
                decoder.append(plaintext)
                machine.decoderReceived(plaintext.count)
            }
        } catch {
            moveCiphertext()
            terminate(reason: error.message, graceful: true)
            return
        }
        moveCiphertext()
        deliverFrames()
        if !open {
            terminate(.init(reason: "peer closed the TLS session", graceful: false, sendQueuedFirst: true))
        }
    }

    /// A frame written while TLS is on: held as plaintext until the turn ends.
    func queuePlaintext(_ frames: [UInt8]) {
        guard let tls else { return }
        tls.send(frames)
        perform(machine.plaintextQueued(queuedBytes: outbound.bytes + tls.pendingPlaintextBytes))
    }

    /// Turn end: encrypts the plaintext written during the turn. Called by `turnEnded()`
    /// before it flushes.
    func encryptQueuedPlaintext() {
        guard machine.pendingAbort == nil else { return }
        moveCiphertext()
    }

    /// The connection is ending: with `graceful`, sends the pending records and `close_notify`;
    /// drops what cannot be sent; reports a handshake that never finished (to a connecting
    /// client and to the configuration's `onHandshakeFailure`); frees the session. Called by
    /// `terminate`.
    func endTLS(reason: String, graceful: Bool) {
        guard let tls else { return }
        if graceful, let taken = try? tls.close(scratch: loop.writeBuffer) {
            appendCiphertext(taken.ciphertext, plaintextConsumed: taken.plaintextConsumed)
        }
        queuedBytes.wrappingSubtract(tls.discardPending(), ordering: .relaxed)
        if !tls.isHandshakeComplete {
            let error = tls.handshakeEnded(reason: reason)
            tls.context.configuration.onHandshakeFailure?(peer, error.message)
        }
        self.tls = nil
    }

    /// Moves everything the session has to send into the outbound queue.
    private func moveCiphertext() {
        guard let tls else { return }
        do {
            let taken = try tls.takeCiphertext(scratch: loop.writeBuffer)
            appendCiphertext(taken.ciphertext, plaintextConsumed: taken.plaintextConsumed)
        } catch {
            abort(error.message)
        }
    }

    private func appendCiphertext(_ ciphertext: [UInt8], plaintextConsumed: Int) {
        guard !ciphertext.isEmpty || plaintextConsumed > 0 else { return }
        queuedBytes.wrappingAdd(ciphertext.count - plaintextConsumed, ordering: .relaxed)
        guard !ciphertext.isEmpty else { return }
        enqueue(ciphertext)
    }
}

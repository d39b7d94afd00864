internal import COpenSSL
import Glibc

/// One connection's TLS state, driven entirely through memory: ciphertext from the socket
/// goes in with `receive`, plaintext comes out of it; plaintext goes in with `send` and
/// ciphertext to put on the socket comes out of `takeCiphertext`. It never touches a socket
/// and never blocks, so it runs on the connection's event loop.
///
/// Not thread-safe: one thread at a time (the connection's loop thread).
///
/// ```swift
/// let session = try context.makeSession()
/// let open = try session.receive(ciphertext: bytesFromSocket, scratch: buffer) { plaintext in
///     decoder.append(plaintext)
/// }
/// session.send(frame)                                  // held until the handshake finished
/// let (ciphertext, _) = try session.takeCiphertext(scratch: buffer)   // to the socket
/// ```
public final class TLSSession: @unchecked Sendable {
    /// The context the session came from.
    public let context: TLSContext
    /// True for the end that starts the handshake.
    public let isClient: Bool
    /// True once the handshake has finished; plaintext then flows both ways.
    public private(set) var isHandshakeComplete = false
    /// The failure that ended the session, if one did.
    public private(set) var failure: TLSError?
    /// Plaintext handed to `send` and not yet encrypted.
    public private(set) var pendingPlaintextBytes = 0

    /// Called once: with nil when the handshake finishes, or with the error that ended the
    /// session before it did (see `handshakeEnded(reason:)`).
    var onHandshakeFinished: ((TLSError?) -> Void)?

    private let ssl: OpaquePointer
    private let readBIO: OpaquePointer
    private let writeBIO: OpaquePointer
    private var pending: [[UInt8]] = []
    private var pendingHead = 0
    private var pendingOffset = 0
    private var closeNotifySent = false

    /// Plaintext per `SSL_write`: one full TLS record.
    private static let recordBytes = 16 * 1024
    /// Ciphertext per `BIO_write`: bounds the memory OpenSSL's input buffer keeps.
    private static let inputSlice = 17 * 1024

    init(context: TLSContext, serverName: String?) throws(TLSError) {
        guard let ssl = SSL_new(context.handle) else {
            throw TLSError(code: .configuration, message: "cannot create a TLS session: \(TLSContext.takeErrors())")
        }
        guard let readBIO = BIO_new(BIO_s_mem()), let writeBIO = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw TLSError(code: .configuration, message: "cannot create TLS memory buffers")
        }
        SSL_set_bio(ssl, readBIO, writeBIO)
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
        self.context = context
        self.isClient = context.configuration.role == .client
        if isClient {
            SSL_set_connect_state(ssl)
            if let name = serverName, !name.isEmpty { try expect(serverName: name) }
        } else {
            SSL_set_accept_state(ssl)
        }
    }

    deinit {
        SSL_free(ssl)
    }

    private func expect(serverName name: String) throws(TLSError) {
        if Self.isIPAddress(name) {
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) == 1 else {
                throw TLSError(code: .configuration, message: "cannot expect IP address \(name)", field: "serverName")
            }
            return
        }
        guard SSL_set1_host(ssl, name) == 1, copenssl_set_tlsext_host_name(ssl, name) == 1 else {
            throw TLSError(
                code: .configuration, message: "cannot expect server name \(name): \(TLSContext.takeErrors())",
                field: "serverName")
        }
    }

    private static func isIPAddress(_ name: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, name, &v4) == 1 || inet_pton(AF_INET6, name, &v6) == 1
    }

    // MARK: Driving the session

    /// Client: produces the first handshake message (take it with `takeCiphertext`). A server
    /// session needs no start; it answers the client's hello in `receive`.
    /// - Throws: `TLSError` `.handshake` when OpenSSL cannot start the handshake.
    public func startHandshake() throws(TLSError) {
        try advanceHandshake()
    }

    /// Feeds ciphertext read from the socket. Every plaintext byte it completes is passed to
    /// `plaintext`, in order, in runs written into `scratch` (valid only during the call).
    /// Handshake messages, alerts and tickets it must answer wait in `takeCiphertext`.
    /// - Returns: false when the peer ended the session (`close_notify`); nothing follows.
    /// - Throws: `TLSError` `.handshake` (before the handshake finished) or `.session` when
    ///   the bytes are not valid TLS, a certificate is refused, or the peer sent an alert.
    ///   The session is then finished; `takeCiphertext` still returns the alert to send.
    public func receive(
        ciphertext: UnsafeRawBufferPointer, scratch: UnsafeMutableRawBufferPointer,
        plaintext: (UnsafeRawBufferPointer) -> Void
    ) throws(TLSError) -> Bool {
        if let failure { throw failure }
        var offset = 0
        var open = true
        repeat {
            let slice = min(Self.inputSlice, ciphertext.count - offset)
            if slice > 0 {
                let written = BIO_write(readBIO, ciphertext.baseAddress! + offset, Int32(slice))
                guard written == Int32(slice) else {
                    throw fail(.session, "cannot buffer \(slice) bytes of TLS input")
                }
                offset += slice
            }
            open = try readPlaintext(scratch: scratch, plaintext: plaintext)
        } while open && offset < ciphertext.count
        return open
    }

    private func readPlaintext(
        scratch: UnsafeMutableRawBufferPointer, plaintext: (UnsafeRawBufferPointer) -> Void
    ) throws(TLSError) -> Bool {
        if !isHandshakeComplete {
            try advanceHandshake()
            if !isHandshakeComplete { return true }
        }
        while true {
            ERR_clear_error()
            let count = SSL_read(ssl, scratch.baseAddress, Int32(min(scratch.count, Int(Int32.max))))
            if count > 0 {
                plaintext(UnsafeRawBufferPointer(start: scratch.baseAddress, count: Int(count)))
                continue
            }
            let code = SSL_get_error(ssl, count)
            switch code {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                return true
            case SSL_ERROR_ZERO_RETURN:
                return false
            default:
                throw fail(.session, describe(code))
            }
        }
    }

    /// Runs the handshake as far as the buffered input allows.
    private func advanceHandshake() throws(TLSError) {
        ERR_clear_error()
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            isHandshakeComplete = true
            if let done = onHandshakeFinished {
                onHandshakeFinished = nil
                done(nil)
            }
            return
        }
        let code = SSL_get_error(ssl, result)
        if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE { return }
        throw fail(.handshake, describe(code))
    }

    /// Queues plaintext to encrypt. Before the handshake finishes it is held; `takeCiphertext`
    /// encrypts it once it has.
    public func send(_ plaintext: [UInt8]) {
        guard !plaintext.isEmpty, failure == nil else { return }
        pending.append(plaintext)
        pendingPlaintextBytes += plaintext.count
    }

    /// Encrypts the queued plaintext (once the handshake is complete) and returns every byte
    /// the peer should now receive, in order (handshake messages, records, alerts), with the
    /// count of plaintext bytes consumed. `scratch` gathers small chunks into full records.
    /// - Throws: `TLSError` `.session` when encryption fails; the session is then finished.
    public func takeCiphertext(
        scratch: UnsafeMutableRawBufferPointer
    ) throws(TLSError) -> (ciphertext: [UInt8], plaintextConsumed: Int) {
        var out: [UInt8] = []
        var consumed = 0
        if isHandshakeComplete && failure == nil && !closeNotifySent && pendingPlaintextBytes > 0 {
            let records = pendingPlaintextBytes / Self.recordBytes + 1
            out.reserveCapacity(pendingPlaintextBytes + records * 64 + Int(copenssl_BIO_pending(writeBIO)))
            while pendingPlaintextBytes > 0 {
                let written = try writeRecord(scratch: scratch)
                consumed += written
                drain(into: &out, scratch: scratch)
            }
            pending.removeAll(keepingCapacity: pending.capacity <= 64)
            pendingHead = 0
            pendingOffset = 0
        }
        drain(into: &out, scratch: scratch)
        return (out, consumed)
    }

    /// One `SSL_write` of up to a record's worth of queued plaintext.
    private func writeRecord(scratch: UnsafeMutableRawBufferPointer) throws(TLSError) -> Int {
        let head = pending[pendingHead]
        let available = head.count - pendingOffset
        var length = 0
        var result: Int32 = 0
        ERR_clear_error()
        if available >= Self.recordBytes || pendingHead == pending.count - 1 {
            length = min(available, Self.recordBytes)
            let offset = pendingOffset
            result = head.withUnsafeBytes { raw in SSL_write(ssl, raw.baseAddress! + offset, Int32(length)) }
        } else {
            var index = pendingHead
            var offset = pendingOffset
            let capacity = min(scratch.count, Self.recordBytes)
            while index < pending.count && length < capacity {
                let take = min(pending[index].count - offset, capacity - length)
                pending[index].withUnsafeBytes { raw in
                    (scratch.baseAddress! + length).copyMemory(from: raw.baseAddress! + offset, byteCount: take)
                }
                length += take
                offset += take
                if offset == pending[index].count {
                    index += 1
                    offset = 0
                }
            }
            result = SSL_write(ssl, scratch.baseAddress, Int32(length))
        }
        guard result == Int32(length) else {
            throw fail(.session, describe(SSL_get_error(ssl, result)))
        }
        consume(length)
        return length
    }

    private func consume(_ count: Int) {
        pendingPlaintextBytes -= count
        var left = count
        while left > 0 {
            let available = pending[pendingHead].count - pendingOffset
            if left < available {
                pendingOffset += left
                return
            }
            left -= available
            pending[pendingHead] = []
            pendingHead += 1
            pendingOffset = 0
        }
    }

    /// Appends the write buffer's ciphertext to `out`, through `scratch` (memory copies only).
    private func drain(into out: inout [UInt8], scratch: UnsafeMutableRawBufferPointer) {
        while true {
            let count = Int(copenssl_BIO_pending(writeBIO))
            guard count > 0 else { return }
            let chunk = min(count, scratch.count)
            let read = BIO_read(writeBIO, scratch.baseAddress, Int32(chunk))
            guard read > 0 else { return }
            out.append(contentsOf: UnsafeRawBufferPointer(start: scratch.baseAddress, count: Int(read)))
        }
    }

    /// Queues `close_notify` (take it with `takeCiphertext`): encrypts what is pending first.
    /// Nothing is sent after it. Ignored before the handshake finished or after a failure.
    public func close(scratch: UnsafeMutableRawBufferPointer) throws(TLSError) -> (
        ciphertext: [UInt8], plaintextConsumed: Int
    ) {
        guard isHandshakeComplete, failure == nil, !closeNotifySent else { return try takeCiphertext(scratch: scratch) }
        var taken = try takeCiphertext(scratch: scratch)
        closeNotifySent = true
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
        drain(into: &taken.ciphertext, scratch: scratch)
        return taken
    }

    /// Drops queued plaintext; returns how many bytes were dropped.
    public func discardPending() -> Int {
        let dropped = pendingPlaintextBytes
        pending = []
        pendingHead = 0
        pendingOffset = 0
        pendingPlaintextBytes = 0
        return dropped
    }

    /// The connection ended before the handshake finished: tells the handshake's waiter (a
    /// connecting client) why. Returns the error reported.
    @discardableResult
    func handshakeEnded(reason: String) -> TLSError {
        let message = reason.hasPrefix("TLS ") ? reason : "TLS handshake did not finish: \(reason)"
        let error = failure ?? TLSError(code: .handshake, message: message)
        if let done = onHandshakeFinished {
            onHandshakeFinished = nil
            done(error)
        }
        return error
    }

    // MARK: Errors

    private func fail(_ code: TLSError.Code, _ detail: String) -> TLSError {
        let stage = code == .handshake ? "TLS handshake failed" : "TLS session failed"
        let error = TLSError(code: code, message: "\(stage): \(detail)")
        failure = error
        return error
    }

    /// Plain words for an `SSL_get_error` result, with OpenSSL's queued reasons and, for a
    /// refused certificate, the verification's reason.
    private func describe(_ code: Int32) -> String {
        var text: String
        switch code {
        case SSL_ERROR_SSL:
            text = TLSContext.takeErrors()
        case SSL_ERROR_SYSCALL:
            text = "unexpected end of input (\(TLSContext.takeErrors()))"
        default:
            text = "OpenSSL error \(code) (\(TLSContext.takeErrors()))"
        }
        let verify = SSL_get_verify_result(ssl)
        if verify != Int(X509_V_OK) {
            text += " (certificate: \(String(cString: X509_verify_cert_error_string(verify))))"
        }
        if text.contains("wrong version number") || text.contains("packet length too long")
            || text.contains("http request")
        {
            text += " (the peer does not speak TLS)"
        }
        return text
    }
}

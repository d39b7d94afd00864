import Synchronization

/// What the runtime remembers about one call for its observer, from reading the request to
/// the answer. Created only when the server has an observer.
final class RPCCallObservation: Sendable {
    let method: String
    let isRegistered: Bool
    let callID: String?
    let startedAt: ContinuousClock.Instant
    let bytesIn: Int
    let connection: RPCConnectionObservation
    let hasIdempotencyKey: Bool
    let traceID: String?
    let annotations = RPCCallAnnotations()

    private struct State {
        var handlerStarted = false
        var status: RPCError.Code = .ok
        var message: String?
        var itemsSent = 0
        var itemBytes = 0
    }
    private let state = Mutex(State())

    init(
        method: String, isRegistered: Bool, id: RPCID?, metadata: RPCMetadata?, bytesIn: Int,
        connection: RPCConnectionObservation, startedAt: ContinuousClock.Instant = .now
    ) {
        self.method = method.utf8.count > 128 ? String(method.prefix(128)) : method
        self.isRegistered = isRegistered
        self.callID = id.map { Self.describe($0) }
        self.startedAt = startedAt
        self.bytesIn = bytesIn
        self.connection = connection
        self.hasIdempotencyKey = metadata?.idempotencyKey != nil
        self.traceID = metadata?.traceparent.flatMap(Self.traceID(of:))
    }

    /// The handler is about to run.
    func handlerStarting() {
        state.withLock { $0.handlerStarted = true }
        connection.observer.callStarted(RPCCallStart(method: method, connectionID: connection.info.id))
    }

    /// The handler's own outcome (used when its answer is the one sent).
    func handlerEnded(_ error: RPCError?) {
        state.withLock { s in
            s.status = error?.code ?? .ok
            s.message = error?.message
        }
    }

    /// One `$/item` frame of `bytes` was written.
    func itemSent(bytes: Int) {
        state.withLock { s in
            s.itemsSent += 1
            s.itemBytes += bytes
        }
    }

    /// Reports the call as answered with the handler's outcome, or with `error` when given.
    func finish(error: RPCError? = nil, bytesOut: Int) {
        let s = state.withLock { $0 }
        let status = error?.code ?? s.status
        let message = error.map(\.message) ?? s.message
        let record = RPCCallRecord(
            method: method, isRegistered: isRegistered, callID: callID, status: status,
            message: status == .ok ? nil : message, duration: startedAt.duration(to: .now), bytesIn: bytesIn,
            bytesOut: bytesOut + s.itemBytes, itemsSent: s.itemsSent, peer: connection.info.peer,
            connectionID: connection.info.id, hasIdempotencyKey: hasIdempotencyKey, traceID: traceID,
            handlerStarted: s.handlerStarted, annotations: annotations.all)
        connection.observer.callFinished(record)
    }

    /// The trace id of a W3C traceparent `vv-<32 hex>-<16 hex>-<2 hex>`, `nil` when malformed
    /// or all zeros.
    static func traceID(of traceparent: String) -> String? {
        let bytes = Array(traceparent.utf8)
        guard bytes.count >= 55, bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-") else { return nil }
        let id = bytes[3..<35]
        func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) }
        guard id.allSatisfy(isHex), id.contains(where: { $0 != UInt8(ascii: "0") }) else { return nil }
        return String(decoding: id, as: UTF8.self)
    }

    /// The id as written in logs: a string id's characters, a number, or `null`; cut at 64
    /// characters.
    static func describe(_ id: RPCID) -> String {
        let text: String
        switch id {
        case .string(let value): text = value
        case .int(let value): text = String(value)
        case .null: text = "null"
        }
        return text.utf8.count > 64 ? String(text.prefix(64)) : text
    }
}

/// What the runtime remembers about one connection for its observer.
final class RPCConnectionObservation: Sendable {
    let info: RPCConnectionInfo
    let observer: any RPCServerObserver
    /// The observer's `observesFrames`, read once.
    let observesFrames: Bool
    /// Why the runtime itself closed the connection, when it did.
    private let localCause = Mutex<RPCCloseReason?>(nil)

    init(info: RPCConnectionInfo, observer: any RPCServerObserver) {
        self.info = info
        self.observer = observer
        self.observesFrames = observer.observesFrames
    }

    /// Reports one received frame's payload, when the observer wants frames.
    func frameReceived(payload: [UInt8]) {
        guard observesFrames else { return }
        observer.frameReceived(info, RPCFrameSummary(payload: payload))
    }

    /// Reports each frame in `bytes` (whole frames, as handed to the transport), when the
    /// observer wants frames.
    func framesSent(_ bytes: [UInt8]) {
        guard observesFrames else { return }
        for frame in RPCFrameSummary.frames(in: bytes) { observer.frameSent(info, frame) }
    }

    /// The runtime is closing the connection for `reason` (the first reason given wins).
    func closing(because reason: RPCCloseReason) {
        localCause.withLock { if $0 == nil { $0 = reason } }
    }

    /// Reports the close. A transport's own reason wins over the runtime's, except for the
    /// transport's words for "the runtime asked me to close".
    func closed(transportReason: String, draining: Bool) {
        var reason = RPCCloseReason(transportReason: transportReason)
        if reason == .server {
            reason = localCause.withLock { $0 } ?? (draining ? .drain : .server)
        }
        observer.connectionClosed(info, reason: reason, detail: transportReason)
    }
}

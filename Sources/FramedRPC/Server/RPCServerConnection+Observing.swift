/// The connection's reports to the server's observer (`RPCServerConfig.observer`). Without an
/// observer every method here returns at once.
extension RPCServerConnection {
    /// Starts following `call` (one the router knows), or `nil` without an observer.
    func observe(_ call: RPCIncomingCall, bytesIn: Int) -> RPCCallObservation? {
        guard let observation else { return nil }
        return RPCCallObservation(
            method: call.method, isRegistered: true, id: call.id, metadata: call.metadata, bytesIn: bytesIn,
            connection: observation)
    }

    /// Reports a call answered with `error` before any handler: unknown method, invalid
    /// request, deadline of 0. `call` is `nil` when the request could not be read as a call.
    func observeRefusal(_ call: RPCIncomingCall?, id: RPCID?, error: RPCError, bytesIn: Int, bytesOut: Int) {
        guard let observation else { return }
        let method = call?.method ?? ""
        RPCCallObservation(
            method: method, isRegistered: core.methods[method] != nil, id: id, metadata: call?.metadata,
            bytesIn: bytesIn, connection: observation
        ).finish(error: error, bytesOut: bytesOut)
    }

    /// Reports the calls the closed connection left unanswered (CANCELLED), then the close.
    func observeClose(reason: String, draining: Bool, orphans: [RPCCallObservation]) {
        guard let observation else { return }
        let error = RPCError(code: .cancelled, message: "connection closed before the answer: \(reason)")
        for orphan in orphans { orphan.finish(error: error, bytesOut: 0) }
        observation.closed(transportReason: reason, draining: draining)
    }
}

extension RPCServerConnection.StateMachine {
    /// The observations of calls admitted and not yet answered.
    var unansweredObservations: [RPCCallObservation] {
        calls.values.compactMap { $0.answered ? nil : $0.observation }
    }
}

/// A connection's sending side that reports every frame written through it to the server's
/// observer (`RPCServerObserver.frameSent`) before handing it on. The server puts it in front
/// of the transport only when the observer wants frames, so the common path has no extra hop.
final class RPCFrameObservingOutbound: RPCConnectionOutbound {
    let inner: any RPCConnectionOutbound
    let observation: RPCConnectionObservation

    init(_ inner: any RPCConnectionOutbound, observation: RPCConnectionObservation) {
        self.inner = inner
        self.observation = observation
    }

    func write(_ frames: [UInt8]) {
        observation.framesSent(frames)
        inner.write(frames)
    }

    var bufferedBytes: Int { inner.bufferedBytes }

    func waitUntilWritable() async -> Bool { await inner.waitUntilWritable() }

    func setReading(_ enabled: Bool) { inner.setReading(enabled) }

    func close() { inner.close() }

    var preferredExecutor: (any TaskExecutor)? { inner.preferredExecutor }
}

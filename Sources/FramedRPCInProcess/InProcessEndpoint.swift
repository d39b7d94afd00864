import FramedRPC

/// One side's outbound of an in-process connection: writes go into `send`, reading control
/// acts on `receive` (the pipe from the other side).
final class InProcessEndpoint: RPCConnectionOutbound, Sendable {
    let send: InProcessPipe
    let receive: InProcessPipe

    init(send: InProcessPipe, receive: InProcessPipe) {
        self.send = send
        self.receive = receive
    }

    func write(_ frames: [UInt8]) { send.write(frames) }

    var bufferedBytes: Int { send.bufferedBytes }

    func waitUntilWritable() async -> Bool { await send.waitUntilWritable() }

    func setReading(_ enabled: Bool) { receive.setReading(enabled) }

    func close() {
        send.finish(reason: "the peer closed the connection")
        receive.abort(reason: "the connection was closed")
    }

    /// Simulates a broken network: nothing more is delivered either way.
    func sever(reason: String) {
        send.abort(reason: reason)
        receive.abort(reason: reason)
    }
}

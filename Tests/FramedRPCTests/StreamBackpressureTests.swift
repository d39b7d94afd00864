import FramedJSON
import FramedRPC
import Testing

@testable import FramedRPCInProcess

@Suite("Stream backpressure (WIRE.md §10)")
struct StreamBackpressureTests {
    @Test("10: a stream pauses while the connection's outbound buffer is above high-water, and resumes when drained")
    func streamPausesAboveHighWater() async throws {
        var config = RPCServerConfig()
        config.outboundHighWaterBytes = 256 << 10
        var transportConfig = InProcessTransport.Config()
        transportConfig.lowWaterBytes = 64 << 10
        let h = Harness(config: config, transportConfig: transportConfig)
        let peer = try await h.rawPeer()
        let endpoint = try #require(peer.outbound as? InProcessEndpoint)
        peer.outbound.setReading(false)
        peer.send(
            #"{"jsonrpc":"2.0","method":"Conformance.Stream","id":1,"params":{"count":400,"itemBytes":16384},"meta":{"streamWindow":10000}}"#
        )
        let item = 16384 + 64
        try await waitUntil("the server to fill its buffer to high-water") {
            endpoint.receive.bufferedBytes >= 256 << 10
        }
        // The writer is now parked in waitUntilWritable: the buffer must not keep growing.
        let held = try await peer.framesArriving(within: .milliseconds(100))
        #expect(held.isEmpty)
        #expect(endpoint.receive.bufferedBytes < (256 << 10) + 2 * item)
        peer.outbound.setReading(true)
        let frames = try await peer.next(401, timeout: .seconds(30))
        #expect(frames.prefix(400).map { $0["params"]?["item"]?["index"]?.intValue ?? -1 } == Array(0..<400))
        #expect(frames[400]["result"] == ["count": 400])
        await h.stop()
    }
}

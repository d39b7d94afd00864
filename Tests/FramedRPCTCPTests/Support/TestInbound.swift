import FramedRPC
import PartnerTestSupport
import Synchronization

/// A small inbound side for transport tests: records what the transport delivers and can
/// echo each frame back, pause reading, or report busy for the idle timer.
final class TestInbound: RPCConnectionInbound, Sendable {
    enum Mode: Sendable {
        /// Write every frame back.
        case echo
        /// Only record.
        case record
    }

    struct Record {
        var frames: [[UInt8]] = []
        var frameErrors: [FrameError] = []
        var closeReasons: [String] = []
        var outbound: (any RPCConnectionOutbound)?
    }

    let mode: Mode
    let record = Mutex(Record())
    let idle = Atomic<Bool>(true)
    let frameCount = Atomic<Int>(0)
    /// Called on each frame after it is recorded (on the loop thread).
    let onFrame: (@Sendable (TestInbound, [UInt8]) -> Void)?

    init(
        mode: Mode, outbound: (any RPCConnectionOutbound)? = nil,
        onFrame: (@Sendable (TestInbound, [UInt8]) -> Void)? = nil
    ) {
        self.mode = mode
        self.onFrame = onFrame
        record.withLock { $0.outbound = outbound }
    }

    var outbound: (any RPCConnectionOutbound)? { record.withLock { $0.outbound } }
    var frames: [[UInt8]] { record.withLock { $0.frames } }
    var frameErrors: [FrameError] { record.withLock { $0.frameErrors } }
    var closeReasons: [String] { record.withLock { $0.closeReasons } }

    func receive(frame payload: [UInt8]) {
        let outbound = record.withLock { state in
            if mode == .record || payload.count < 1 << 16 { state.frames.append(payload) }
            return state.outbound
        }
        frameCount.wrappingAdd(1, ordering: .relaxed)
        if mode == .echo { outbound?.write(Frame.encode(payload)) }
        onFrame?(self, payload)
    }

    func receive(frameError: FrameError) {
        let outbound = record.withLock { state in
            state.frameErrors.append(frameError)
            return state.outbound
        }
        outbound?.write(Frame.encode(Array("error: \(frameError)".utf8)))
        outbound?.close()
    }

    var isIdle: Bool { idle.load(ordering: .relaxed) }

    func connectionClosed(reason: String) {
        record.withLock { state in
            state.closeReasons.append(reason)
            state.outbound = nil
        }
    }
}

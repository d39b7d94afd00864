import FramedJSON
import FramedRPC
import FramedRPCInProcess
import Synchronization

/// A test client speaking raw frames over the in-process transport, so the runtime's client
/// cannot hide a server bug: it writes bytes and collects every frame it receives.
final class RawPeer: RPCConnectionInbound, Sendable {
    private struct State {
        var frames: [JSONValue] = []
        var closedReason: String?
        var outbound: (any RPCConnectionOutbound)?
    }
    private let state = Mutex(State())

    static func connect(_ transport: InProcessTransport) async throws -> RawPeer {
        let peer = RawPeer()
        let outbound = try await transport.client.connect(inbound: peer)
        peer.state.withLock { $0.outbound = outbound }
        return peer
    }

    var outbound: any RPCConnectionOutbound { state.withLock { $0.outbound! } }

    /// Sends one frame holding `json`.
    func send(_ json: String) { outbound.write(Frame.encode(Array(json.utf8))) }

    /// Sends bytes as they are (frame headers included).
    func sendRaw(_ bytes: [UInt8]) { outbound.write(bytes) }

    /// The next frame received, waiting up to `timeout`.
    func next(timeout: Duration = .seconds(20)) async throws -> JSONValue {
        let deadline = ContinuousClock.now + timeout
        while true {
            let frame: JSONValue? = state.withLock { s -> JSONValue? in
                if s.frames.isEmpty { return Optional<JSONValue>.none }
                return s.frames.removeFirst()
            }
            if let frame { return frame }
            if ContinuousClock.now >= deadline { throw TestTimeout(what: "a frame") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Collects frames until `count` arrived.
    func next(_ count: Int, timeout: Duration = .seconds(30)) async throws -> [JSONValue] {
        var frames: [JSONValue] = []
        let deadline = ContinuousClock.now + timeout
        while frames.count < count {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { throw TestTimeout(what: "\(count) frames (got \(frames.count))") }
            frames.append(try await next(timeout: left))
        }
        return frames
    }

    /// The response for request `id`, skipping nothing: fails if another frame comes first.
    func response(timeout: Duration = .seconds(20)) async throws -> JSONValue { try await next(timeout: timeout) }

    /// Waits `window` and returns whatever frames arrived (used to show that nothing more came).
    func framesArriving(within window: Duration) async throws -> [JSONValue] {
        try await Task.sleep(for: window)
        return state.withLock { s in
            defer { s.frames.removeAll() }
            return s.frames
        }
    }

    /// Waits until the connection is closed.
    func waitClosed(timeout: Duration = .seconds(20)) async throws -> String {
        try await poll("the connection to close", timeout: timeout) { self.state.withLock { $0.closedReason } }
    }

    /// Sends `$/ping` with `id` and returns the first frame after it, which must be the answer
    /// if nothing else was pending.
    func pingRoundTrip(id: Int = 999_999) async throws -> JSONValue {
        send(#"{"jsonrpc":"2.0","method":"$/ping","id":\#(id)}"#)
        return try await next()
    }

    func close() { outbound.close() }

    // MARK: RPCConnectionInbound

    func receive(frame payload: [UInt8]) {
        let value = (try? JSONParser(maxDepth: 512).parse(payload)) ?? .string("<unparsable frame>")
        state.withLock { $0.frames.append(value) }
    }

    func receive(frameError: FrameError) {
        state.withLock { $0.frames.append(.string("<frame error \(frameError)>")) }
    }

    var isIdle: Bool { true }

    func connectionClosed(reason: String) {
        state.withLock { $0.closedReason = reason }
    }
}

struct TestTimeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Polls `condition` every few milliseconds until it gives a value or `timeout` passes.
func poll<T>(_ what: String, timeout: Duration = .seconds(20), _ condition: () -> T?) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = condition() { return value }
        if ContinuousClock.now >= deadline { throw TestTimeout(what: what) }
        try await Task.sleep(for: .milliseconds(2))
    }
}

/// Polls a boolean condition.
func waitUntil(_ what: String, timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws {
    _ = try await poll(what, timeout: timeout) { condition() ? true : nil }
}

extension JSONValue {
    /// `error.code` of a response.
    var errorCode: Int64? { self["error"]?["code"]?.intValue }
    /// `error.data.status` of a response.
    var errorStatus: String? { self["error"]?["data"]?["status"]?.stringValue }
    /// `error.message` of a response.
    var errorMessage: String? { self["error"]?["message"]?.stringValue }
    /// `error.data.details[0].field` of a response.
    var errorField: String? { self["error"]?["data"]?["details"]?.arrayValue?.first?["field"]?.stringValue }
}

import FramedJSON
import FramedRPC
import Synchronization

/// What the `WireTest` handlers saw, for tests to assert on.
final class WireProbe: Sendable {
    private struct State {
        var started = 0
        var cancelled = 0
        var exited = 0
    }
    private let state = Mutex(State())

    /// `WireTest.Block` handlers started.
    var started: Int { state.withLock { $0.started } }
    /// `WireTest.Block` handlers that saw their task cancelled.
    var cancelled: Int { state.withLock { $0.cancelled } }
    /// `WireTest.Block` handlers that returned or threw.
    var exited: Int { state.withLock { $0.exited } }

    func enter() { state.withLock { $0.started += 1 } }
    func exit(cancelled: Bool) {
        state.withLock { s in
            s.exited += 1
            if cancelled { s.cancelled += 1 }
        }
    }
}

/// Methods the wire tests need beyond `Conformance`:
/// - `WireTest.Block {}`: waits until its task is cancelled (at most 60 s) and records it.
/// - `WireTest.Fail {}`: throws an error the runtime does not know (an unexpected failure).
/// - `WireTest.Meta {}`: returns `{"timeoutMs": <meta.timeoutMs as received, or null>}`.
/// - `WireTest.BigItem {"bytes": n}` (streaming): one item `{"padding": "xx..."}` of n characters.
struct WireTestService: RPCService {
    let probe: WireProbe

    /// The text of the unexpected error; it must never reach the wire.
    static let secret = "SQLITE_CORRUPT at /var/lib/partner/data.sqlite line 42"

    struct UnexpectedFailure: Error, CustomStringConvertible {
        var description: String { WireTestService.secret }
    }

    struct Padding: JSONEncodable, Sendable {
        var bytes: Int
        func encode(to w: inout JSONWriter) {
            w.beginObject()
            w.key("padding")
            w.string(String(repeating: "x", count: bytes))
            w.endObject()
        }
    }

    func registerMethods(with router: inout RPCRouter) {
        let probe = self.probe
        router.registerUnary(RPCMethodDescriptor(name: "WireTest.Block", requiresAuthentication: false)) { _, _ in
            probe.enter()
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                probe.exit(cancelled: true)
                throw error
            }
            probe.exit(cancelled: false)
            return RPCEmptyResult()
        }
        router.registerUnary(RPCMethodDescriptor(name: "WireTest.Fail", requiresAuthentication: false)) { _, _ in
            throw UnexpectedFailure()
        }
        router.registerUnary(RPCMethodDescriptor(name: "WireTest.Meta", requiresAuthentication: false)) { request, _ in
            let timeout: JSONValue = request.metadata.timeoutMs.map { .int($0) } ?? .null
            return ["timeoutMs": timeout] as JSONValue
        }
        router.registerServerStreaming(
            RPCMethodDescriptor(name: "WireTest.BigItem", requiresAuthentication: false)
        ) { request, _, writer in
            let bytes: Int = try JSONFields(request.params, path: "", allowed: ["bytes"]).required("bytes")
            try await writer.send(Padding(bytes: bytes))
            return RPCEmptyResult()
        }
    }
}

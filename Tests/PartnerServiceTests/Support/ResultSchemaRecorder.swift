import FramedJSON
import FramedRPC
import PartnerAPI
import Synchronization

/// Watches every frame a test client sends and receives, and checks every answer against the
/// contract: each `result` against its method's result schema, each `$/item` against its
/// item schema, and each error's status against the statuses the method documents.
///
/// It sits under the typed client (a wrapping `RPCClientTransport`), so typed and raw calls
/// are checked alike, without any test having to remember to.
final class ResultSchemaRecorder: Sendable {
    /// One answer that broke the contract.
    struct Violation: Sendable, CustomStringConvertible {
        var method: String
        var problem: String
        var description: String { "\(method): \(problem)" }
    }

    private struct State {
        var pending: [JSONValue: String] = [:]
        var validatedResults: [String: Int] = [:]
        var observedErrors: [String: Set<String>] = [:]
        var violations: [Violation] = []
    }

    private let state = Mutex(State())

    /// Statuses a method may answer whatever its documented list says: the client's own
    /// cancellation and the runtime-wide ones of WIRE.md (deadline, drain, limits, tokens).
    static let runtimeStatuses: Set<String> = [
        "CANCELLED", "DEADLINE_EXCEEDED", "UNAVAILABLE", "RESOURCE_EXHAUSTED", "INVALID_ARGUMENT",
    ]

    /// Every answer that broke the contract so far.
    var violations: [Violation] { state.withLock { $0.violations } }

    /// How many results of each method were checked against their schema.
    var validatedResults: [String: Int] { state.withLock { $0.validatedResults } }

    /// The error statuses seen per method.
    var observedErrors: [String: Set<String>] { state.withLock { $0.observedErrors } }

    /// Wraps `transport` so that every connection it opens is watched.
    func watching(_ transport: any RPCClientTransport) -> any RPCClientTransport {
        WatchedClientTransport(inner: transport, recorder: self)
    }

    func sent(_ frames: [UInt8]) {
        for payload in Self.payloads(frames) {
            guard let message = try? JSONParser(maxDepth: 512).parse(payload),
                let method = message["method"]?.stringValue, let id = message["id"], !method.hasPrefix("$/")
            else { continue }
            state.withLock { $0.pending[id] = method }
        }
    }

    func received(_ payload: [UInt8]) {
        guard let message = try? JSONParser(maxDepth: 512).parse(payload) else { return }
        if message["method"]?.stringValue == "$/item" {
            checkItem(message["params"] ?? .null)
            return
        }
        guard let id = message["id"], let method = state.withLock({ $0.pending.removeValue(forKey: id) }) else {
            return
        }
        if let result = message["result"] {
            checkResult(result, of: method)
        } else if let status = message["error"]?["data"]?["status"]?.stringValue {
            checkError(status, of: method, message: message["error"]?["message"]?.stringValue ?? "")
        }
    }

    private func checkResult(_ result: JSONValue, of method: String) {
        guard let schema = PartnerSchema.methodsByName[method] else {
            record(method, "answered a method the schema does not define")
            return
        }
        let found = PartnerSchema.validator.validate(result, against: schema.resultSchema)
        state.withLock { s in
            s.validatedResults[method, default: 0] += 1
            for violation in found {
                s.violations.append(Violation(method: method, problem: "result \(violation)"))
            }
        }
    }

    private func checkItem(_ params: JSONValue) {
        guard let id = params["id"], let method = state.withLock({ $0.pending[id] }),
            let schema = PartnerSchema.methodsByName[method]?.itemSchema, let item = params["item"]
        else { return }
        for violation in PartnerSchema.validator.validate(item, against: schema) {
            record(method, "item \(violation)")
        }
    }

    private func checkError(_ status: String, of method: String, message: String) {
        state.withLock { _ = $0.observedErrors[method, default: []].insert(status) }
        guard RPCError.Code(name: status) != nil else {
            record(method, "answered the unknown status \(status)")
            return
        }
        if status == "INTERNAL" || status == "UNKNOWN" {
            record(method, "answered \(status): \(message)")
            return
        }
        let documented = Set(PartnerSchema.methodsByName[method]?.errorStatuses ?? [])
        if !documented.contains(status) && !Self.runtimeStatuses.contains(status) {
            record(method, "answered \(status), which its schema does not document (\(message))")
        }
    }

    private func record(_ method: String, _ problem: String) {
        state.withLock { $0.violations.append(Violation(method: method, problem: problem)) }
    }

    /// Splits length-prefixed frames.
    static func payloads(_ bytes: [UInt8]) -> [[UInt8]] {
        var payloads: [[UInt8]] = []
        var offset = 0
        while offset + 4 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let start = offset + 4
            guard start + length <= bytes.count else { break }
            payloads.append(Array(bytes[start..<start + length]))
            offset = start + length
        }
        return payloads
    }
}

/// A client transport whose connections report their frames to a recorder.
struct WatchedClientTransport: RPCClientTransport {
    let inner: any RPCClientTransport
    let recorder: ResultSchemaRecorder

    func connect(inbound: any RPCConnectionInbound) async throws -> any RPCConnectionOutbound {
        let watchedInbound = WatchedInbound(inner: inbound, recorder: recorder)
        let outbound = try await inner.connect(inbound: watchedInbound)
        return WatchedOutbound(inner: outbound, recorder: recorder)
    }
}

/// Reports every frame the client receives, then delivers it.
final class WatchedInbound: RPCConnectionInbound {
    let inner: any RPCConnectionInbound
    let recorder: ResultSchemaRecorder

    init(inner: any RPCConnectionInbound, recorder: ResultSchemaRecorder) {
        self.inner = inner
        self.recorder = recorder
    }

    func receive(frame payload: [UInt8]) {
        recorder.received(payload)
        inner.receive(frame: payload)
    }

    func receive(frameError: FrameError) { inner.receive(frameError: frameError) }
    var isIdle: Bool { inner.isIdle }
    func connectionClosed(reason: String) { inner.connectionClosed(reason: reason) }
}

/// Reports every frame the client sends, then sends it.
final class WatchedOutbound: RPCConnectionOutbound {
    let inner: any RPCConnectionOutbound
    let recorder: ResultSchemaRecorder

    init(inner: any RPCConnectionOutbound, recorder: ResultSchemaRecorder) {
        self.inner = inner
        self.recorder = recorder
    }

    func write(_ frames: [UInt8]) {
        recorder.sent(frames)
        inner.write(frames)
    }

    var bufferedBytes: Int { inner.bufferedBytes }
    func waitUntilWritable() async -> Bool { await inner.waitUntilWritable() }
    func setReading(_ enabled: Bool) { inner.setReading(enabled) }
    func close() { inner.close() }
    var preferredExecutor: (any TaskExecutor)? { inner.preferredExecutor }
}

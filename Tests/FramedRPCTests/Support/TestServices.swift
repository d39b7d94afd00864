import FramedJSON
import FramedRPC
import FramedRPCConformance
import FramedRPCInProcess
import Synchronization

/// Counters shared between a test and its handlers.
final class Probe: Sendable {
    private struct State {
        var started = 0
        var exited = 0
        var cancelledSeen = 0
        var running = 0
        var maxRunning = 0
        var gateOpen = false
        var values: [String: JSONValue] = [:]
    }
    private let state = Mutex(State())

    var started: Int { state.withLock { $0.started } }
    var exited: Int { state.withLock { $0.exited } }
    var cancelledSeen: Int { state.withLock { $0.cancelledSeen } }
    var maxRunning: Int { state.withLock { $0.maxRunning } }
    var running: Int { state.withLock { $0.running } }
    var gateOpen: Bool { state.withLock { $0.gateOpen } }
    func openGate() { state.withLock { $0.gateOpen = true } }
    subscript(key: String) -> JSONValue? {
        get { state.withLock { $0.values[key] } }
        set { state.withLock { $0.values[key] = newValue } }
    }

    func enter() {
        state.withLock { s in
            s.started += 1
            s.running += 1
            s.maxRunning = max(s.maxRunning, s.running)
        }
    }

    func exit(cancelled: Bool) {
        state.withLock { s in
            s.exited += 1
            s.running -= 1
            if cancelled { s.cancelledSeen += 1 }
        }
    }
}

/// Methods the tests drive: blocking, stubborn, adding, sleeping, reporting metadata.
struct TestService: RPCService {
    let probe: Probe
    /// A client the `Test.Downstream` handler calls through.
    let downstream = ClientBox()

    init(probe: Probe) {
        self.probe = probe
    }

    struct AddParams: JSONDecodable {
        var a: Int64
        var b: Int64
        init(json: JSONValue, path: String) throws(JSONDecodingError) {
            let f = try JSONFields(json, path: path, allowed: ["a", "b"])
            a = try f.required("a")
            b = try f.required("b")
        }
    }

    func registerMethods(with router: inout RPCRouter) {
        let probe = self.probe
        router.registerUnary(RPCMethodDescriptor(name: "Test.Add")) { request, _ in
            let p = try request.decodeParams(AddParams.self)
            return p.a + p.b
        }
        // Waits until cancelled.
        router.registerUnary(RPCMethodDescriptor(name: "Test.Block")) { _, _ in
            probe.enter()
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                probe.exit(cancelled: Task.isCancelled)
                throw error
            }
            probe.exit(cancelled: false)
            return RPCEmptyResult()
        }
        // Ignores cancellation; returns when the probe's gate opens.
        router.registerUnary(RPCMethodDescriptor(name: "Test.Stubborn")) { _, _ in
            probe.enter()
            while !probe.gateOpen {
                await Task.yield()
                try? await Task.sleep(for: .milliseconds(1))
            }
            probe.exit(cancelled: Task.isCancelled)
            return "done"
        }
        // Sleeps `ms` then returns `ms` (out-of-order answers).
        router.registerUnary(RPCMethodDescriptor(name: "Test.Sleep")) { request, _ in
            let ms: Int64 = try JSONFields(request.params, path: "").required("ms")
            try await Task.sleep(for: .milliseconds(ms))
            return ms
        }
        // Reports the deadline it sees, as timeoutMs received and as the task-local deadline.
        router.registerUnary(RPCMethodDescriptor(name: "Test.ReportTimeout")) { request, context in
            let local = RPCCallContext.deadline != nil
            return ["timeoutMs": request.metadata.timeoutMs.map { .int($0) } ?? .null, "taskLocal": .bool(local)]
                as JSONValue
        }
        let downstream = self.downstream
        // Calls Test.ReportTimeout through the runtime client and returns its answer.
        router.registerUnary(RPCMethodDescriptor(name: "Test.Downstream")) { _, _ in
            guard let client = downstream.client else { throw RPCError(code: .internalError, message: "no client") }
            return try await client.unary("Test.ReportTimeout", params: RPCEmptyResult())
        }
    }
}

/// A server on an in-process transport, torn down at the end of a test.
struct Harness: Sendable {
    let server: RPCServer
    let transport: InProcessTransport
    let serving: Task<Void, any Error>
    let probe: Probe
    let testService: TestService

    init(
        config: RPCServerConfig = RPCServerConfig(), transportConfig: InProcessTransport.Config = .init(),
        extra: [any RPCService] = [], interceptors: [any RPCServerInterceptor] = []
    ) {
        let probe = Probe()
        let testService = TestService(probe: probe)
        let server = RPCServer(
            services: [testService, ConformanceService(), DiscoveryService(document: ["openrpc": "1.3.2"])] + extra,
            interceptors: interceptors, config: config)
        let transport = InProcessTransport(config: transportConfig)
        self.server = server
        self.transport = transport
        self.probe = probe
        self.testService = testService
        self.serving = Task { try await server.serve(on: transport.server) }
    }

    /// A raw peer, connecting as soon as the serve task listens.
    func rawPeer() async throws -> RawPeer {
        let deadline = ContinuousClock.now + .seconds(5)
        while true {
            do {
                return try await RawPeer.connect(transport)
            } catch {
                if ContinuousClock.now >= deadline { throw error }
                try await Task.sleep(for: .milliseconds(2))
            }
        }
    }

    func client(_ config: RPCClientConfig = RPCClientConfig()) -> RPCClient {
        RPCClient(transport: transport.client, config: config)
    }

    /// A client whose connection is already open (one `Health.Check` made), so a short
    /// deadline is not spent waiting for the server task to start listening.
    func connectedClient() async throws -> RPCClient {
        let client = self.client()
        _ = try await client.unary("Health.Check", params: RPCEmptyResult())
        return client
    }

    /// Shuts the server down at once and waits for `serve` to return.
    func stop() async {
        server.beginGracefulShutdown()
        server.forceCloseAll()
        _ = try? await serving.value
    }
}

/// Holds the client a handler calls downstream through.
final class ClientBox: Sendable {
    private let state = Mutex<RPCClient?>(nil)
    var client: RPCClient? { state.withLock { $0 } }
    func set(_ client: RPCClient) { state.withLock { $0 = client } }
}

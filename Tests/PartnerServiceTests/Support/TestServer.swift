import Foundation
import FramedRPC
import FramedRPCInProcess
import FramedRPCTCP
import PartnerAPI
import PartnerCore
import PartnerServer
import PartnerService
import PartnerTestSupport
import Synchronization
import Testing

/// A whole PartnerConsole server for one test: `PartnerApplication` on a real SQLite file in a
/// temporary data folder, served over the in-process transport or loopback TCP, with clients
/// whose every answer is checked against the contract by `recorder`.
final class TestServer: Sendable {
    /// Where the domain's clock starts in every test: a Monday early in a month, so a test can
    /// buy, move the clock past the month's end and close it.
    static let startTime = Timestamp(year: 2026, month: 3, day: 2, hour: 9)

    let mode: TransportMode
    let folder: TemporaryDataFolder
    let clock: FixedClock
    let app: PartnerApplication
    let recorder: ResultSchemaRecorder
    /// The default partner's token (both roles), read from `<data>/bootstrap-token`.
    let bootstrapToken: String
    private let serving: Task<Void, any Error>
    private let connector: any RPCClientTransport
    private let clients = Mutex<[RPCClient]>([])

    private init(
        mode: TransportMode, folder: TemporaryDataFolder, clock: FixedClock, app: PartnerApplication,
        recorder: ResultSchemaRecorder, bootstrapToken: String, serving: Task<Void, any Error>,
        connector: any RPCClientTransport
    ) {
        self.mode = mode
        self.folder = folder
        self.clock = clock
        self.app = app
        self.recorder = recorder
        self.bootstrapToken = bootstrapToken
        self.serving = serving
        self.connector = connector
    }

    /// Opens the application on `folder` (creating the default partner on first open) and
    /// starts serving it; returns once `Health.Check` answers SERVING.
    /// `sweepInterval` sets how often expired idempotency entries are swept (default: the
    /// application's).
    static func start(
        _ mode: TransportMode, folder: TemporaryDataFolder, clock: FixedClock, recorder: ResultSchemaRecorder,
        sweepInterval: Duration? = nil
    ) async throws -> TestServer {
        var options = PartnerApplication.Options(dataDirectory: folder.data)
        options.clock = clock
        if let sweepInterval { options.idempotencySweepInterval = sweepInterval }
        options.serverConfig.drainGrace = .seconds(2)
        let app = try await PartnerApplication.open(options: options)
        let tokenText = try String(
            contentsOfFile: PartnerApplication.bootstrapTokenPath(folder.data), encoding: .utf8)
        let serving: Task<Void, any Error>
        let connector: any RPCClientTransport
        switch mode {
        case .inProcess:
            let transport = InProcessTransport()
            serving = Task { try await app.server.serve(on: transport.server) }
            connector = transport.client
        case .tcp:
            let transport = TCPServerTransport(config: .init(host: "127.0.0.1", port: 0, loopCount: 1))
            let address = try transport.listen()
            serving = Task { try await app.server.serve(on: transport) }
            connector = TCPClientTransport(host: address.host, port: address.port, connectTimeout: .seconds(5))
        }
        let server = TestServer(
            mode: mode, folder: folder, clock: clock, app: app, recorder: recorder,
            bootstrapToken: tokenText.trimmingCharacters(in: .whitespacesAndNewlines), serving: serving,
            connector: connector)
        let probe = server.client()
        try await waitUntil(10, "the server answers Health.Check") {
            (try? await probe.healthCheck(options: .init(timeout: .seconds(2)))) == "SERVING"
        }
        return server
    }

    /// A client authenticated with `token` (the bootstrap token by default); `nil` token and
    /// `anonymous: true` sends no credentials.
    func client(token: String? = nil, anonymous: Bool = false) -> PartnerClient {
        let authorization = anonymous ? nil : "Bearer \(token ?? bootstrapToken)"
        var config = RPCClientConfig(authorization: authorization)
        config.connectBackoffInitial = .milliseconds(10)
        let rpc = RPCClient(transport: recorder.watching(connector), config: config)
        clients.withLock { $0.append(rpc) }
        return PartnerClient(rpc: rpc, retry: .init(maxAttempts: 1))
    }

    /// Closes every client, drains the server gracefully, waits for `serve` to return and
    /// closes the store, each step within a time limit.
    func stop() async throws {
        let open = clients.withLock { clients in
            defer { clients = [] }
            return clients
        }
        for client in open { await client.close() }
        app.server.beginGracefulShutdown()
        let serving = self.serving
        try await withTimeout(15, "the server's serve task after graceful shutdown") { try await serving.value }
        let app = self.app
        try await withTimeout(15, "closing the store") { await app.close() }
    }

    /// Another partner with one agent holding both roles, and a client for it.
    func secondPartner(name: String = "Second reseller") async throws -> PartnerClient {
        let created = try await PartnerApplication.createPartner(name: name, store: app.store, context: app.context)
        return client(token: created.token)
    }
}

/// Runs `body` against a fresh server in `mode`, then shuts it down and checks that every
/// answer the test's clients received kept the contract. The body has `timeout` seconds.
func withPartnerServer(
    _ mode: TransportMode, clock: FixedClock = FixedClock(TestServer.startTime), timeout: Double = 90,
    _ body: @escaping @Sendable (TestServer, PartnerClient) async throws -> Void
) async throws {
    let folder = try TemporaryDataFolder()
    defer { folder.remove() }
    let recorder = ResultSchemaRecorder()
    let server = try await withTimeout(30, "server start") {
        try await TestServer.start(mode, folder: folder, clock: clock, recorder: recorder)
    }
    let client = server.client()
    var failure: (any Error)?
    do {
        try await withTimeout(timeout, "the test body") { try await body(server, client) }
    } catch {
        failure = error
    }
    try await server.stop()
    expectContractKept(recorder)
    if let failure { throw failure }
}

/// Records an issue for every answer that broke the contract.
func expectContractKept(_ recorder: ResultSchemaRecorder, sourceLocation: SourceLocation = #_sourceLocation) {
    for violation in recorder.violations {
        Issue.record("contract broken: \(violation)", sourceLocation: sourceLocation)
    }
}

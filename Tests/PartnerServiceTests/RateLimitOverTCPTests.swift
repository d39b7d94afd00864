import FramedJSON
import FramedRPC
import FramedRPCTCP
import Foundation
import PartnerAPI
import PartnerCore
import PartnerService
import Testing

/// The per-agent and per-connection rate limits of a whole PartnerConsole server on loopback TCP.
@Suite("Rate limits over TCP")
struct RateLimitOverTCPTests {
    /// Runs `body` against a server opened with `configure`d options on loopback TCP.
    static func withServer(
        _ configure: (inout PartnerApplication.Options) -> Void,
        _ body: @escaping @Sendable (PartnerApplication, TCPClientTransport, String) async throws -> Void
    ) async throws {
        let folder = try TemporaryDataFolder()
        defer { folder.remove() }
        var options = PartnerApplication.Options(dataDirectory: folder.data)
        options.clock = FixedClock(TestServer.startTime)
        options.serverConfig.drainGrace = .seconds(1)
        configure(&options)
        let app = try await PartnerApplication.open(options: options)
        let transport = TCPServerTransport(config: .init(host: "127.0.0.1", port: 0, loopCount: 1))
        let address = try transport.listen()
        let serving = Task { try await app.server.serve(on: transport) }
        let token = try String(contentsOfFile: PartnerApplication.bootstrapTokenPath(folder.data), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let connector = TCPClientTransport(host: address.host, port: address.port, connectTimeout: .seconds(5))
        var failure: (any Error)?
        do {
            try await withTimeout(60, "the test body") { try await body(app, connector, token) }
        } catch {
            failure = error
        }
        app.server.beginGracefulShutdown()
        _ = try? await withTimeout(15, "serve after shutdown") { try await serving.value }
        await app.close()
        if let failure { throw failure }
    }

    static func client(_ connector: TCPClientTransport, token: String?) -> (RPCClient, PartnerClient) {
        let rpc = RPCClient(transport: connector, config: RPCClientConfig(authorization: token.map { "Bearer \($0)" }))
        return (rpc, PartnerClient(rpc: rpc, retry: .init(maxAttempts: 1)))
    }

    @Test("an agent past its budget gets RESOURCE_EXHAUSTED naming the limit, with retryAfterMs, then is served again")
    func agentLimit() async throws {
        try await Self.withServer({ $0.agentRateLimit = RPCRateLimit(callsPerSecond: 5, burst: 3) }) { app, connector, token in
            let (rpc, client) = Self.client(connector, token: token)
            var served = 0
            var refusal: RPCError?
            for _ in 0..<10 {
                do {
                    _ = try await client.partners.getProfile()
                    served += 1
                } catch let error as RPCError {
                    refusal = error
                    break
                }
            }
            let error = try #require(refusal, "ten calls at once were all served under a limit of burst 3")
            #expect(served >= 3)
            #expect(error.code == .resourceExhausted)
            #expect(error.message.contains("5 calls per second per agent"), "\(error.message)")
            let retry = try #require(error.retryAfterMs)
            #expect(retry >= 1 && retry <= 200)
            // Public methods are not the agent's: they are never limited by it.
            let (_, anonymous) = Self.client(connector, token: nil)
            for _ in 0..<10 { #expect(try await anonymous.healthCheck() == "SERVING") }
            // Another agent has its own budget.
            let other = try await PartnerApplication.createPartner(name: "Other", store: app.store, context: app.context)
            let (otherRPC, otherClient) = Self.client(connector, token: other.token)
            _ = try await otherClient.partners.getProfile()
            // After the hinted wait the first agent is served again.
            try await waitUntil(5, "the agent is served again") {
                (try? await client.partners.getProfile()) != nil
            }
            await rpc.close()
            await otherRPC.close()
        }
    }

    @Test("the connection limit refuses calls over it on that connection only")
    func connectionLimit() async throws {
        try await Self.withServer({ $0.serverConfig.connectionRateLimit = RPCRateLimit(callsPerSecond: 2, burst: 2) }) {
            _, connector, token in
            let (rpc, client) = Self.client(connector, token: token)
            var outcomes: [RPCError.Code?] = []
            for _ in 0..<4 {
                do {
                    _ = try await client.healthCheck()
                    outcomes.append(nil)
                } catch let error as RPCError {
                    outcomes.append(error.code)
                }
            }
            #expect(outcomes.prefix(2).allSatisfy { $0 == nil })
            #expect(outcomes.contains(.resourceExhausted))
            let (other, otherClient) = Self.client(connector, token: token)
            #expect(try await otherClient.healthCheck() == "SERVING")
            await rpc.close()
            await other.close()
        }
    }

    @Test("the defaults: no connection limit, an agent limit of 200,000 calls a second")
    func defaults() {
        let options = PartnerApplication.Options(dataDirectory: "/nonexistent")
        #expect(options.serverConfig.connectionRateLimit == nil)
        #expect(options.agentRateLimit == RPCRateLimit(callsPerSecond: 200_000))
    }
}

import Foundation
import FramedJSON
import FramedRPC
import FramedRPCTCP
import PartnerAPI
import PartnerCore
import PartnerServer
import PartnerService
import PartnerTestSupport
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
        let limited: (inout PartnerApplication.Options) -> Void = {
            $0.agentRateLimit = RPCRateLimit(callsPerSecond: 5, burst: 3)
        }
        try await Self.withServer(limited) { app, connector, token in
            let (rpc, client) = Self.client(connector, token: token)
            // Ten calls at once, so the bucket (5 a second) cannot refill between them however
            // slowly the machine runs.
            let outcomes = await withTaskGroup(of: RPCError?.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await client.partners.getProfile()
                            return nil
                        } catch let error as RPCError {
                            return error
                        } catch {
                            return RPCError(code: .unknown, message: "\(error)")
                        }
                    }
                }
                return await group.reduce(into: [RPCError?]()) { $0.append($1) }
            }
            let served = outcomes.filter { $0 == nil }.count
            let error = try #require(
                outcomes.compactMap { $0 }.first, "ten calls at once were all served under a limit of burst 3")
            #expect(served >= 3)
            #expect(error.code == .resourceExhausted)
            #expect(error.message.contains("5 calls per second per agent"), "\(error.message)")
            let retry = try #require(error.retryAfterMs)
            #expect(retry >= 1 && retry <= 200)
            // Public methods are not the agent's: they are never limited by it.
            let (_, anonymous) = Self.client(connector, token: nil)
            for _ in 0..<10 { #expect(try await anonymous.healthCheck() == "SERVING") }
            // Another agent has its own budget.
            let other = try await PartnerApplication.createPartner(
                name: "Other", store: app.store, context: app.context)
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
        let limited: (inout PartnerApplication.Options) -> Void = {
            $0.serverConfig.connectionRateLimit = RPCRateLimit(callsPerSecond: 1, burst: 2)
        }
        try await Self.withServer(limited) { _, connector, token in
            let (rpc, client) = Self.client(connector, token: token)
            // Six calls at once: the burst of 2 is served, and the bucket (1 a second) cannot
            // refill the other four however slowly the machine runs them in.
            let outcomes = await withTaskGroup(of: RPCError.Code?.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        do {
                            _ = try await client.healthCheck()
                            return nil
                        } catch let error as RPCError {
                            return error.code
                        } catch {
                            return .unknown
                        }
                    }
                }
                return await group.reduce(into: [RPCError.Code?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count >= 2)
            #expect(outcomes.contains(.resourceExhausted))
            let (other, otherClient) = Self.client(connector, token: token)
            let status = try await otherClient.healthCheck()
            #expect(status == "SERVING")
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

import Foundation
import FramedRPC
import FramedRPCTCP
import PartnerAPI
import PartnerTestSupport
import Testing

/// `partner-server create-partner` while servers run: on SQLite through
/// the running server's `<data>/admin/` folder, on PostgreSQL straight into the shared database.
@Suite("create-partner while servers run", .serialized)
struct OnlineAdminTests {
    @Test("on SQLite, create-partner hands the request to the running server; the new token works at once")
    func sqliteWhileServing() async throws {
        let folder = try CrashHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await ServerProcess.crash(data: folder + "/data")
        do {
            let output = try await Self.createPartner(["--data", folder + "/data", "--name", "Online SQLite"])
            let token = try #require(Self.token(in: output), "no token in: \(output)")
            let (client, rpc) = Self.client(port: server.port, token: token)
            #expect(try await client.partners.getProfile().name == "Online SQLite")
            await rpc.close()
        } catch {
            Issue.record("\(error)\n\(server.log())")
        }
        try await server.terminateAndWait()
    }

    @Test("on PostgreSQL, create-partner writes to the shared database while replicas run; both accept the token")
    func postgresWhileServing() async throws {
        let set = try await ReplicaSet.start()
        do {
            let output = try await Self.createPartner(["--database-url", set.url, "--name", "Online PG"])
            let token = try #require(Self.token(in: output), "no token in: \(output)")
            for index in 0..<2 {
                let (client, rpc) = set.client(index, token: token)
                #expect(try await client.partners.getProfile().name == "Online PG")
                await rpc.close()
            }
        } catch {
            Issue.record("\(error)\n\(set.logs)")
        }
        await set.stop()
    }

    /// Runs `partner-server create-partner ARGS` to its end (30 s at most); its standard output.
    static func createPartner(_ arguments: [String]) async throws -> String {
        let run = try await CommandRun.run("partner-server", ["create-partner"] + arguments)
        guard run.status == 0 else {
            throw TestFailure("create-partner exited with \(run.status): \(run.out)\(run.err)")
        }
        return run.out + run.err
    }

    static func token(in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix("token ") }.map { String($0.dropFirst("token ".count)) }
    }

    static func client(port: Int, token: String) -> (PartnerClient, RPCClient) {
        var config = RPCClientConfig(authorization: "Bearer \(token)")
        config.connectAttempts = 2
        let rpc = RPCClient(
            transport: TCPClientTransport(host: "127.0.0.1", port: port, connectTimeout: .seconds(10)), config: config)
        return (PartnerClient(rpc: rpc, retry: .init(maxAttempts: 1)), rpc)
    }
}

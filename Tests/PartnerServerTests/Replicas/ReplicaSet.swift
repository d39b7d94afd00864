import Foundation
import FramedRPC
import FramedRPCTCP
import PartnerAPI
import PartnerTestSupport

/// Several real `partner-server` processes on one fresh PostgreSQL database of the test
/// cluster, each with its own data folder and port. The first replica initialises the
/// database and writes the bootstrap token; the others start after it.
final class ReplicaSet: Sendable {
    let url: String
    let replicas: [ServerProcess]
    let token: String
    private let folder: String

    private init(url: String, replicas: [ServerProcess], token: String, folder: String) {
        self.url = url
        self.replicas = replicas
        self.token = token
        self.folder = folder
    }

    /// Starts `count` replicas on a new database.
    /// - Throws: `PostgresTestCluster.Failure` when PostgreSQL cannot start (the test fails,
    ///   saying why), or the server's own message when a replica exits before listening.
    /// - Parameter perReplica: more arguments for replica i (e.g. a clock offset for one).
    ///   - cluster: the cluster to use (default: the test process's shared one).
    static func start(
        count: Int = 2, extra: [String] = [], perReplica: [[String]] = [], cluster given: PostgresTestCluster? = nil
    ) async throws -> ReplicaSet {
        let cluster: PostgresTestCluster
        if let given { cluster = given } else { cluster = try await PostgresTestCluster.shared() }
        let url = try await cluster.createDatabase(prefix: "replicas")
        let folder = try CrashHarness.temporaryFolder()
        var replicas: [ServerProcess] = []
        do {
            for index in 0..<count {
                replicas.append(
                    try await ServerProcess.crash(
                        data: "\(folder)/replica\(index)",
                        extra: ["--database-url", url, "--loops", "2"] + extra
                            + (index < perReplica.count ? perReplica[index] : [])))
            }
            let token = try replicas[0].token()
            return ReplicaSet(url: url, replicas: replicas, token: token, folder: folder)
        } catch {
            for replica in replicas { try? await replica.killAndWait() }
            throw error
        }
    }

    /// A client of replica `index` with `token` (default: the bootstrap token), no retries.
    func client(_ index: Int, token: String? = nil, port: Int? = nil) -> (PartnerClient, RPCClient) {
        var config = RPCClientConfig(authorization: "Bearer \(token ?? self.token)")
        config.connectAttempts = 2
        config.connectBackoffInitial = .milliseconds(10)
        let rpc = RPCClient(
            transport: TCPClientTransport(
                host: "127.0.0.1", port: port ?? replicas[index].port, connectTimeout: .seconds(10)),
            config: config)
        return (PartnerClient(rpc: rpc, retry: .init(maxAttempts: 1)), rpc)
    }

    /// Stops every replica (SIGTERM, then SIGKILL if it lingers) and removes the folders.
    func stop() async {
        for replica in replicas where replica.isRunning {
            do { try await replica.terminateAndWait() } catch { try? await replica.killAndWait() }
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The replicas' logs, for failure messages.
    var logs: String {
        replicas.enumerated().map { "--- replica \($0.offset) ---\n\($0.element.log().suffix(3_000))" }.joined(
            separator: "\n")
    }

    /// A domain customer request with a unique domain.
    static func customer(_ tag: String) -> Customers.CreateRequest {
        let domain = "\(tag)-replica.example"
        return Customers.CreateRequest(
            organisationName: "Replica \(tag) GmbH", primaryDomain: domain, customerType: .domain,
            postalAddress: PostalAddress(regionCode: "DE", postalCode: "10115", locality: "Berlin"),
            primaryAdminEmail: "admin@\(domain)", alternateEmail: "backup@\(tag)-other.example",
            languageCode: "de", timeZone: "Europe/Berlin")
    }
}

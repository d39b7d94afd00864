import Foundation
import FramedRPC
import PartnerAPI
import PartnerTestSupport
import Synchronization
import Testing

/// Durable means on PostgreSQL what it means on SQLite: an answered
/// mutating call survives a SIGKILL of the replica and a SIGKILL of the PostgreSQL server.
@Suite("Replica and database killed", .serialized)
struct ReplicaCrashTests {
    @Test("answered writes survive SIGKILL of the replica and of PostgreSQL under load")
    func answeredWritesSurvive() async throws {
        let cluster = try await onThread { try PostgresTestCluster.start() }
        defer { cluster.stop() }
        let set = try await ReplicaSet.start(count: 1, cluster: cluster)
        let replica = set.replicas[0]
        let (client, rpc) = set.client(0)
        let answered = AnsweredCustomers()
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        for n in 0..<10_000 {
                            do {
                                let created = try await client.customers.create(
                                    ReplicaSet.customer("crash-w\(worker)n\(n)"),
                                    options: RPCCallOptions(timeout: .seconds(20)))
                                answered.add(created.id)
                            } catch {
                                return  // the replica or the database is gone
                            }
                        }
                    }
                }
            }
        }
        do {
            try await waitUntil(30, "40 answered writes") { answered.count >= 40 }
            try await replica.killAndWait()
            try await onThread { try cluster.kill() }
            _ = await writers.value
            await rpc.close()
            try await onThread { try cluster.startServer() }
            let restarted = try await ServerProcess.crash(
                data: replica.data, extra: ["--database-url", set.url, "--loops", "2"])
            let (checker, checkerRPC) = set.client(0, port: restarted.port)
            let ids = answered.all
            var missing: [String] = []
            for id in ids {
                do { _ = try await checker.customers.get(.init(customerId: id)) } catch {
                    missing.append("\(id): \(error)")
                }
            }
            #expect(missing.isEmpty, "\(missing.count) of \(ids.count) answered writes lost: \(missing.prefix(3))")
            await checkerRPC.close()
            try await restarted.terminateAndWait()
        } catch {
            writers.cancel()
            Issue.record("\(error)\n\(set.logs)\n\(cluster.logTail())")
        }
        await set.stop()
    }
}

/// Ids of customers whose creation was answered.
final class AnsweredCustomers: Sendable {
    private let ids = Mutex<[String]>([])
    func add(_ id: String) { ids.withLock { $0.append(id) } }
    var count: Int { ids.withLock { $0.count } }
    var all: [String] { ids.withLock { $0 } }
}

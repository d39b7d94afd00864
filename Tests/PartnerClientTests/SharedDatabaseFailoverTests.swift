import Foundation
import PartnerAPI
import PartnerTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension ClientProcessTests {
    /// Write failover between two replicas on one PostgreSQL database (issue #16, point 4): the
    /// client writes with idempotency keys over both endpoints, the replica in use is killed,
    /// the load goes on at the other, every answered write is in the database under the id it
    /// was answered with, and no write is applied twice.
    @Suite("Write failover between two replicas on one PostgreSQL database", .serialized)
    struct SharedDatabaseFailoverTests {
        @Test("Customers.Create with idempotency keys: SIGKILL of the replica in use, none lost, none applied twice")
        func exactlyOnceAcrossReplicas() async throws {
            let cluster = try await PostgresTestCluster.shared()
            let url = try await cluster.createDatabase(prefix: "failover")
            let a = try await ServerProcess.start(["--database-url", url])
            defer { a.remove() }
            let token = try a.token()
            let b = try await ServerProcess.start(["--database-url", url])
            defer { b.remove() }

            var options = FailoverTests.options()
            options.retry = .init(maxAttempts: 6, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(200))
            let client = try await PartnerClient.connect(to: "\(a.target),\(b.target)", token: token, options: options)
            let load = LoadCounters()
            let run = "pg\(UInt32.random(in: 0...UInt32.max))"
            try await load.keyedCreates(through: client, tag: run) { await a.kill9() }
            await client.close()
            #expect(load.failures.withLock { $0 }.isEmpty, "\(load.failures.withLock { $0.prefix(5) })")

            // The one database, read through the surviving replica.
            var byName: [String: [String]] = [:]  // organisation name -> customer ids
            try await withPartnerClient(to: b.target, token: token) { replica in
                var pageToken: String?
                repeat {
                    let page = try await replica.customers.list(.init(pageSize: 200, pageToken: pageToken))
                    for customer in page.items where customer.organisationName.hasPrefix("Load \(run) ") {
                        byName[customer.organisationName, default: []].append(customer.id)
                    }
                    pageToken = page.nextPageToken
                } while pageToken != nil
            }
            let writes = load.answers.withLock { $0 }
            #expect(writes.count >= 80)
            let twice = byName.filter { $0.value.count > 1 }
            #expect(twice.isEmpty, "applied twice: \(twice.prefix(5))")
            let stored = Set(byName.values.flatMap { $0 })
            let missing = writes.filter { !stored.contains($0.value) }
            #expect(missing.isEmpty, "answered but not in the database: \(missing.prefix(5))")
        }
    }
}

import PartnerCore
import PartnerServer
import PartnerService
import PartnerTestSupport
import Testing

/// `IdempotencySweep` on a database shared by replicas: each replica sweeps the scopes it
/// serves, at the same time as the others.
@Suite("Idempotency sweep on a shared PostgreSQL database")
struct IdempotencySweepReplicaTests {
    @Test("two replicas sweeping one scope at once delete every expired entry once and keep the live ones")
    func replicasSweepTogether() async throws {
        try await withTimeout(120, "two replicas sweeping") { try await Self.sweepTogether() }
    }

    private static func sweepTogether() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let url = try await cluster.createDatabase(prefix: "sweep")
        let first = try await StoreLocation.postgres(url: url).open()
        let second = try await StoreLocation.postgres(url: url).open()
        let now = Timestamp(millisecondsSinceEpoch: 1_780_000_000_000)
        let scope = "ptn_replicas"
        do {
            try await first.write { tx in
                for n in 0..<600 {
                    let age = n % 2 == 0 ? IdempotencyEntry.lifetimeMs : IdempotencyEntry.lifetimeMs - 60_000
                    try tx.put(
                        IdempotencyEntry(
                            id: "idem_\(1_000 + n)", key: IdempotencyEntry.key(scope: scope, key: "k-\(n)"),
                            partnerId: scope,
                            method: "Customers.Create", paramsDigest: "", result: "{}",
                            createTime: Timestamp(millisecondsSinceEpoch: now.millisecondsSinceEpoch - age)))
                }
            }
            let sweeps = [IdempotencySweep(), IdempotencySweep()]
            for sweep in sweeps { sweep.noteRecorded(partnerId: scope) }
            // A pass that loses a serialization conflict to the other throws; the running server
            // tries again at its next pass, as this loop does.
            @Sendable func pass(_ sweep: IdempotencySweep, on store: any RecordStore) async -> Int? {
                try? await sweep.pass(store: store, now: now)
            }
            var deleted = 0
            var failedPasses = 0
            for _ in 0..<5 {
                async let a = pass(sweeps[0], on: first)
                async let b = pass(sweeps[1], on: second)
                for result in [await a, await b] {
                    if let count = result { deleted += count } else { failedPasses += 1 }
                }
            }
            let left = try await second.read { tx in
                try tx.list(IdempotencyEntry.self, partnerId: scope, lookupKey: nil, after: nil, limit: 1_000)
            }
            // A failed pass may have committed some of its deletes before it failed, uncounted.
            #expect(
                failedPasses == 0 ? deleted == 300 : deleted <= 300,
                "each expired entry deleted by one replica only (\(failedPasses) passes failed)")
            #expect(left.count == 300)
            #expect(left.allSatisfy { !IdempotencySweep.isExpired($0, at: now) }, "a minute short of 24 hours: kept")
        } catch {
            await first.close()
            await second.close()
            throw error
        }
        await first.close()
        await second.close()
    }
}

import PartnerCore
import PartnerStorePostgres
import PartnerTestSupport
import Testing

/// Concurrent writes of one replica share a transaction and its WAL flush, each body in its
/// own savepoint (`PostgresGroupWriter`).
@Suite("PostgreSQL group commit")
struct PostgresGroupCommitTests {
    @Test("64 concurrent writes commit in fewer transactions; a body that throws loses only its own changes")
    func batchesIsolateBodies() async throws {
        let cluster = try await PostgresTestCluster.shared()
        let store = try await PostgresRecordStore.open(url: try await cluster.createDatabase(prefix: "group"))
        let outcomes = try await withTimeout(60, "64 writes") {
            try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<64 {
                    group.addTask {
                        do {
                            try await store.write { tx in
                                try tx.put(Note(id: "n\(index)", partnerId: "p1", slug: "s\(index)"))
                                _ = try tx.nextSequence("events")
                                if index % 4 == 3 { throw IntendedFailure(tag: "\(index)") }
                            }
                            return (index, true)
                        } catch let failure as IntendedFailure {
                            #expect(failure.tag == "\(index)")
                            return (index, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
        }
        #expect(outcomes.count == 64)
        for (index, kept) in outcomes {
            #expect(kept == (index % 4 != 3))
            let stored = try await store.read { try $0.get(Note.self, id: "n\(index)") }
            #expect((stored != nil) == kept, "note \(index)")
        }
        // 48 bodies kept, so the counter is at 48: the thrown bodies' increments were undone.
        #expect(try await store.write { try $0.nextSequence("events") } == 49)
        #expect(store.commitCount < 49, "\(store.commitCount) commits for 49 writes: no batching")
        await store.close()
    }
}

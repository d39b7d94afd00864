import Foundation
import PartnerCore
import PartnerTestSupport
import Testing

@testable import PartnerStore

@Suite("Write path: schema 2, stored bodies, background checkpoints")
struct WritePathTests {
    /// The number of rows `sql` counts on a fresh read-only connection.
    private func count(_ sql: String, in path: String) throws -> Int64 {
        let connection = try SQLiteConnection(path: path, requireWritable: false)
        defer { connection.close() }
        return try connection.integer(sql)
    }

    @Test("a version 1 database migrates: lookup rows kept, no per-record index, history counters gone")
    func migratesVersion1() async throws {
        let folder = try TemporaryFolder()
        var store = try SQLiteRecordStore(path: folder.database, config: .init(), migrations: [Migrations.all[0]])
        #expect(store.schemaVersion == 1)
        try await store.write { tx in
            try tx.put(Note(id: "n1", partnerId: "p1", slug: "one", tags: ["a", "b"]))
            try tx.put(Note(id: "n2", partnerId: "p1", slug: "two", tags: ["b"]))
            _ = try tx.nextSequence("subscription-history:sub_1")
            _ = try tx.nextSequence("events:p1")
        }
        await store.close()

        store = try SQLiteRecordStore(path: folder.database)
        #expect(store.schemaVersion == Migrations.latestVersion)
        let tagged = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:b", after: nil, limit: 10)
        }
        #expect(tagged.map(\.id) == ["n1", "n2"])
        // The event counter goes on; the per-subscription history counter is gone.
        #expect(try await store.write { try $0.nextSequence("events:p1") } == 2)
        try await store.write { try $0.delete(Note.self, id: "n1") }
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()

        #expect(
            try count("SELECT count(*) FROM sqlite_master WHERE name = 'lookup_keys_by_record'", in: folder.database)
                == 0)
        #expect(
            try count("SELECT count(*) FROM sequences WHERE name LIKE 'subscription-history:%'", in: folder.database)
                == 0)
        #expect(try count("SELECT count(*) FROM lookup_keys WHERE id = 'n1'", in: folder.database) == 0)
        #expect(try count("SELECT count(*) FROM lookup_keys WHERE id = 'n2'", in: folder.database) == 1)
    }

    @Test("history entries stored under `subscription:` move to `target:` beside their audit entries")
    func migratesHistoryKeys() async throws {
        let folder = try TemporaryFolder()
        var store = try SQLiteRecordStore(
            path: folder.database, config: .init(), migrations: Array(Migrations.all.prefix(2)))
        await store.close()
        let caller = Caller(partnerId: "par_1", agentId: "agt_1", roles: [.salesAgent])
        let change = SubscriptionChange(
            id: "sch_sub_1_0000000002", partnerId: "par_1", subscriptionId: "sub_1", customerId: "cus_1", sequence: 2,
            action: .seatsChanged, fromSeats: 1, toSeats: 2, stateBefore: .active, stateAfter: .active, caller: caller,
            reason: "more", time: Timestamp(millisecondsSinceEpoch: 1_790_000_000_000))
        let connection = try SQLiteConnection(path: folder.database, requireWritable: true)
        try connection.withStatement(
            "INSERT INTO records (kind, id, partner_id, body, keys) VALUES ('subscription_change', ?1, 'par_1', ?2, "
                + "'l18:subscription:sub_1')"
        ) { statement in
            try statement.bind(change.id, at: 1)
            try statement.bind(try JSONEncoder().encode(change), at: 2)
            try statement.run()
        }
        try connection.execute(
            "INSERT INTO lookup_keys (kind, partner_id, key, id) "
                + "VALUES ('subscription_change', 'par_1', 'subscription:sub_1', 'sch_sub_1_0000000002')")
        connection.close()

        store = try SQLiteRecordStore(path: folder.database)
        let found = try await store.read {
            try $0.list(SubscriptionChange.self, partnerId: "par_1", lookupKey: "target:sub_1", after: nil, limit: 10)
        }
        #expect(found == [change])
        // The stored key text moved too, so deleting the entry leaves no lookup row behind.
        try await store.write { try $0.delete(SubscriptionChange.self, id: change.id) }
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()
        #expect(try count("SELECT count(*) FROM lookup_keys", in: folder.database) == 0)
    }

    @Test("deleting a record removes its lookup rows; other records keep theirs")
    func deleteRemovesLookupRows() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { tx in
            try tx.put(Note(id: "n1", partnerId: "p1", slug: "one", tags: ["a", "b"]))
            try tx.put(Note(id: "n2", partnerId: "p1", slug: "two", tags: ["a"]))
        }
        try await store.write { try $0.delete(Note.self, id: "n1") }
        try await store.write { try $0.delete(Note.self, id: "missing") }
        #expect(
            try await store.read {
                try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:a", after: nil, limit: 10)
            }.map(\.id) == ["n2"])
        await store.close()
        #expect(try count("SELECT count(*) FROM lookup_keys", in: folder.database) == 1)
    }

    @Test(
        "a record without unique keys is inserted without a lookup first; a put of a stored one still replaces it and its lookup rows",
        arguments: [0, 1_000])
    func insertWithoutLookup(cacheCapacity: Int) async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database, config: .init(cacheCapacity: cacheCapacity))
        try await store.write { try $0.put(Entry(id: "e1", partnerId: "p1", text: "v1", tags: ["a", "b"])) }
        try await store.write { try $0.put(Entry(id: "e1", partnerId: "p1", text: "v2", tags: ["b", "c"])) }
        try await store.write { try $0.put(Entry(id: "e2", partnerId: "p2", tags: ["a"])) }
        #expect(try await store.read { try $0.get(Entry.self, id: "e1") }?.text == "v2")
        for (tag, expected) in [("a", [String]()), ("b", ["e1"]), ("c", ["e1"])] {
            let found = try await store.read {
                try $0.list(Entry.self, partnerId: "p1", lookupKey: "tag:\(tag)", after: nil, limit: 10)
            }
            #expect(found.map(\.id) == expected, "tag \(tag)")
        }
        #expect(try count("SELECT count(*) FROM records WHERE kind = 'entry'", in: folder.database) == 2)
        #expect(try count("SELECT count(*) FROM lookup_keys WHERE kind = 'entry'", in: folder.database) == 3)
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()
    }

    @Test("stored bodies are compact JSON that Foundation's decoder reads back unchanged")
    func bodiesDecodeWithFoundation() throws {
        let time = Timestamp(millisecondsSinceEpoch: 1_790_000_000_123)
        let event = DomainEvent(
            partnerId: "par_1", sequence: 7, type: "subscription.seats_changed", resourceId: "sub_1",
            customerId: nil, data: ["seats": "12", "quote": "a \"b\"\n/ é"], time: time)
        let audit = AuditEntry(
            id: "aud_1", partnerId: "par_1", agentId: "agt_1", roles: [.salesAgent],
            method: "Subscriptions.ChangeSeats",
            target: "sub_1", before: nil, after: "seats=12", time: time, requestId: "r-1", outcome: "OK")
        let eventBody = Data(try RecordCodec.encode(event))
        let auditBody = Data(try RecordCodec.encode(audit))
        #expect(try JSONDecoder().decode(DomainEvent.self, from: eventBody) == event)
        #expect(try JSONDecoder().decode(AuditEntry.self, from: auditBody) == audit)
        // The same shape as Foundation's encoder: equal as JSON objects.
        let framed = try JSONSerialization.jsonObject(with: auditBody) as? NSDictionary
        let foundation = try JSONSerialization.jsonObject(with: JSONEncoder().encode(audit)) as? NSDictionary
        #expect(framed != nil && framed == foundation)
    }

    @Test("the background checkpointer copies the log into the database while writes go on")
    func backgroundCheckpoint() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database, config: .init(checkpointPages: 8))
        let payload = String(repeating: "x", count: 2_000)
        for round in 0..<40 {
            try await store.write { tx in
                for index in 0..<4 {
                    try tx.put(
                        Note(id: "n\(round)-\(index)", partnerId: "p1", slug: "s\(round)-\(index)", text: payload))
                }
            }
        }
        try await waitUntil(10, "a background checkpoint") { store.backgroundCheckpointCount > 0 }
        #expect(
            try await store.read {
                try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 1_000)
            }.count == 160)
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()
        #expect(try count("SELECT count(*) FROM records", in: folder.database) == 160)
    }

    @Test("with the background checkpointer off SQLite's own checkpoint keeps working")
    func checkpointerOff() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database, config: .init(checkpointPages: 0))
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "one")) }
        #expect(store.backgroundCheckpointCount == 0)
        await store.close()
        #expect(try count("SELECT count(*) FROM records", in: folder.database) == 1)
    }
}

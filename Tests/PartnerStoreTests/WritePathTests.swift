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

    /// Writes `record` as versions 1 to 3 stored it (lookup rows without an order column).
    private func insertInLayoutBeforeVersion4<R: StoredRecord>(_ record: R, _ connection: SQLiteConnection) throws {
        let keys = StoredKeys(unique: record.uniqueKeys, lookup: record.lookupKeys)
        try connection.withStatement(
            "INSERT INTO records (kind, id, partner_id, body, keys) VALUES (?1, ?2, ?3, ?4, ?5)"
        ) { statement in
            try statement.bind(R.kind.name, at: 1)
            try statement.bind(record.id, at: 2)
            try statement.bind(record.partnerId, at: 3)
            try statement.bind(try RecordCodec.encode(record), at: 4)
            try statement.bind(keys.encoded, at: 5)
            try statement.run()
        }
        for key in record.uniqueKeys {
            try connection.withStatement("INSERT INTO unique_keys (kind, key, id) VALUES (?1, ?2, ?3)") { statement in
                try statement.bind(R.kind.name, at: 1)
                try statement.bind(key, at: 2)
                try statement.bind(record.id, at: 3)
                try statement.run()
            }
        }
        for key in record.lookupKeys {
            try connection.withStatement(
                "INSERT INTO lookup_keys (kind, partner_id, key, id) VALUES (?1, ?2, ?3, ?4)"
            ) { statement in
                try statement.bind(R.kind.name, at: 1)
                try statement.bind(record.partnerId, at: 2)
                try statement.bind(key, at: 3)
                try statement.bind(record.id, at: 4)
                try statement.run()
            }
        }
    }

    @Test("a version 1 database migrates: lookup rows kept, no per-record index, history counters gone")
    func migratesVersion1() async throws {
        let folder = try TemporaryFolder()
        var store = try SQLiteRecordStore(path: folder.database, config: .init(), migrations: [Migrations.all[0]])
        #expect(store.schemaVersion == 1)
        await store.close()
        let connection = try SQLiteConnection(path: folder.database, requireWritable: true)
        try insertInLayoutBeforeVersion4(Note(id: "n1", partnerId: "p1", slug: "one", tags: ["a", "b"]), connection)
        try insertInLayoutBeforeVersion4(Note(id: "n2", partnerId: "p1", slug: "two", tags: ["b"]), connection)
        try connection.execute(
            "INSERT INTO sequences (name, value) VALUES ('subscription-history:sub_1', 1), ('events:p1', 1)")
        connection.close()

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

    @Test(
        "a version 3 database migrates: journal lookup rows take their creation order, the others stay in id order"
    )
    func migratesVersion3() async throws {
        let folder = try TemporaryFolder()
        var store = try SQLiteRecordStore(
            path: folder.database, config: .init(), migrations: Array(Migrations.all.prefix(3)))
        await store.close()
        let connection = try SQLiteConnection(path: folder.database, requireWritable: true)
        try insertInLayoutBeforeVersion4(Note(id: "n1", partnerId: "p1", slug: "one", tags: ["t"]), connection)
        for (kind, id) in [
            ("audit_entry", "aud_0002"), ("subscription_change", "sch_0001"), ("audit_entry", "aud_0004"),
            ("subscription_change", "sch_0003"), ("audit_entry", "noprefix"),
        ] {
            try connection.execute(
                "INSERT INTO lookup_keys (kind, partner_id, key, id) VALUES ('\(kind)', 'p1', 'target:sub_1', '\(id)')")
        }
        connection.close()

        store = try SQLiteRecordStore(path: folder.database)
        #expect(store.schemaVersion == 4)
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:t", after: nil, limit: 5) }
                .map(\.id) == ["n1"])
        await store.close()
        let order = try SQLiteConnection(path: folder.database, requireWritable: false)
        defer { order.close() }
        let rows = try order.texts(
            "SELECT id || '=' || ord FROM lookup_keys WHERE key = 'target:sub_1' ORDER BY partner_id, key, ord, id, kind"
        )
        #expect(rows == ["sch_0001=0001", "aud_0002=0002", "sch_0003=0003", "aud_0004=0004", "noprefix=noprefix"])
        #expect(try order.texts("SELECT ord FROM lookup_keys WHERE kind = 'note'") == [""])
    }

    @Test("journal rows of two kinds under one key sit side by side in creation order; each kind lists in id order")
    func journalRowsInterleave() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        for n in 1...12 {
            try await store.write { tx in
                let id = String(format: "%04d", n)
                if n.isMultiple(of: 2) {
                    try tx.put(Mark(id: "mrk_" + id, partnerId: "p1", tags: ["t"]))
                } else {
                    try tx.put(Entry(id: "ent_" + id, partnerId: "p1", tags: ["t"]))
                }
            }
        }
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "one", tags: ["t"])) }
        var pages: [[String]] = []
        var after: String?
        repeat {
            let page = try await store.read { [after] in
                try $0.list(Entry.self, partnerId: "p1", lookupKey: "tag:t", after: after, limit: 4)
            }
            pages.append(page.map(\.id))
            after = page.last?.id
        } while pages.last?.count == 4
        #expect(pages == [["ent_0001", "ent_0003", "ent_0005", "ent_0007"], ["ent_0009", "ent_0011"]])
        let marks = try await store.read {
            try $0.list(Mark.self, partnerId: "p1", lookupKey: "tag:t", after: "mrk_0006", limit: 10)
        }
        #expect(marks.map(\.id) == ["mrk_0008", "mrk_0010", "mrk_0012"])
        #expect(
            try await store.read { try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:t", after: nil, limit: 5) }
                .map(\.id) == ["n1"])
        try await store.write { try $0.delete(Entry.self, id: "ent_0003") }
        await store.close()

        let connection = try SQLiteConnection(path: folder.database, requireWritable: false)
        defer { connection.close() }
        let kinds = try connection.texts(
            "SELECT kind FROM lookup_keys WHERE key = 'tag:t' ORDER BY partner_id, key, ord, id, kind")
        // The note (no journal) first, then entries and marks alternating as they were written.
        #expect(
            kinds == ["note", "entry", "mark", "mark"] + Array(repeating: ["entry", "mark"], count: 4).flatMap { $0 })
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
        "a known record keeping its owner and keys changes in one update; new keys or a new owner still move its rows")
    func knownRecordUpdates() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "one", tags: ["a"])) }
        func change(_ note: Note) async throws {
            try await store.write { tx in
                #expect(try tx.get(Note.self, id: note.id) != nil)  // read first: the writer knows it
                try tx.put(note)
            }
        }
        func tagged(_ tag: String, _ partner: String = "p1") async throws -> [String] {
            try await store.read {
                try $0.list(Note.self, partnerId: partner, lookupKey: "tag:\(tag)", after: nil, limit: 10)
            }.map(\.text)
        }
        try await change(Note(id: "n1", partnerId: "p1", slug: "one", text: "v2", tags: ["a"]))
        #expect(try await tagged("a") == ["v2"])
        try await change(Note(id: "n1", partnerId: "p1", slug: "one", text: "v3", tags: ["b"]))
        #expect(try await tagged("a").isEmpty)
        #expect(try await tagged("b") == ["v3"])
        try await change(Note(id: "n1", partnerId: "p1", slug: "two", text: "v4", tags: ["b"]))
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:one") } == nil)
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:two") }?.text == "v4")
        try await change(Note(id: "n1", partnerId: "p2", slug: "two", text: "v5", tags: ["b"]))
        #expect(try await tagged("b").isEmpty)
        #expect(try await tagged("b", "p2") == ["v5"])
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()
        #expect(try count("SELECT count(*) FROM lookup_keys", in: folder.database) == 1)
        #expect(try count("SELECT count(*) FROM unique_keys", in: folder.database) == 1)
    }

    /// A store in a new temporary folder, its record cache holding `cacheCapacity` records.
    private func storeInFolder(cacheCapacity: Int) throws -> (TemporaryFolder, SQLiteRecordStore) {
        let folder = try TemporaryFolder()
        return (folder, try SQLiteRecordStore(path: folder.database, config: .init(cacheCapacity: cacheCapacity)))
    }

    @Test(
        "a record without unique keys is inserted without a lookup first; a put of a stored one still replaces it and its lookup rows",
        arguments: [0, 1_000])
    func insertWithoutLookup(cacheCapacity: Int) async throws {
        let (folder, store) = try storeInFolder(cacheCapacity: cacheCapacity)
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

    @Test(
        "a new record with unique keys goes in without a lookup of its id; a key found free and then claimed, or held by another, is still refused",
        arguments: [0, 1_000])
    func newRecordWithUniqueKeys(cacheCapacity: Int) async throws {
        let (folder, store) = try storeInFolder(cacheCapacity: cacheCapacity)
        try await store.write { tx in
            #expect(try tx.find(Note.self, uniqueKey: "slug:one") == nil)
            try tx.put(Note(id: "n1", partnerId: "p1", slug: "one", tags: ["t"]))
            // Found free above, then claimed by n1: looked up again, and refused.
            #expect(throws: StoreError.duplicateKey("slug:one")) {
                try tx.put(Note(id: "n2", partnerId: "p1", slug: "one"))
            }
        }
        await #expect(throws: StoreError.duplicateKey("slug:one")) {
            try await store.write { try $0.put(Note(id: "n3", partnerId: "p1", slug: "one")) }
        }
        // A stored record put again without being read: the insert finds it and replaces it.
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "uno", tags: ["u"])) }
        try await store.write { tx in
            #expect(try tx.find(Note.self, uniqueKey: "slug:one") == nil)
            try tx.put(Note(id: "n4", partnerId: "p1", slug: "one"))
        }
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:uno") }?.id == "n1")
        #expect(try await store.read { try $0.find(Note.self, uniqueKey: "slug:one") }?.id == "n4")
        let tagged = try await store.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: "tag:u", after: nil, limit: 10)
        }
        #expect(tagged.map(\.id) == ["n1"])
        #expect(try count("SELECT count(*) FROM records WHERE kind = 'note'", in: folder.database) == 2)
        #expect(try count("SELECT count(*) FROM unique_keys", in: folder.database) == 2)
        #expect(try count("SELECT count(*) FROM lookup_keys", in: folder.database) == 1)
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
        let store = try SQLiteRecordStore(path: folder.database, config: .init(checkpointKiB: 32))
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
        let store = try SQLiteRecordStore(path: folder.database, config: .init(checkpointKiB: 0))
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "one")) }
        #expect(store.backgroundCheckpointCount == 0)
        await store.close()
        #expect(try count("SELECT count(*) FROM records", in: folder.database) == 1)
    }

    /// Opens the store at `path` with `config`, writes a note and closes it: the file's page size.
    private func pageSizeAfterWriting(at path: String, _ config: SQLiteRecordStore.Config = .init()) async throws
        -> Int64
    {
        let store = try SQLiteRecordStore(path: path, config: config)
        try await store.write { try $0.put(Note(id: UUID().uuidString, partnerId: "p1", slug: UUID().uuidString)) }
        #expect(try await store.integrityProblems().isEmpty)
        await store.close()
        return try count("PRAGMA page_size", in: path)
    }

    @Test("a new database takes the configured page size; one that exists keeps its own")
    func pageSize() async throws {
        let folder = try TemporaryFolder()
        #expect(try await pageSizeAfterWriting(at: folder.database) == 4_096)
        #expect(try await pageSizeAfterWriting(at: folder.database, .init(pageSize: 8_192)) == 4_096)
        #expect(try count("SELECT count(*) FROM records", in: folder.database) == 2)
        let other = try TemporaryFolder()
        #expect(try await pageSizeAfterWriting(at: other.database, .init(pageSize: 2_048)) == 2_048)
    }

    @Test(
        "a page size SQLite cannot use is refused before the database is created", arguments: [0, 256, 3_000, 131_072])
    func pageSizeRefused(size: Int) throws {
        let folder = try TemporaryFolder()
        #expect {
            _ = try SQLiteRecordStore(path: folder.database, config: .init(pageSize: size))
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.code == .unavailable && error.message.contains("page size \(size)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.database))
    }

    @Test("a commit's log frames reach the file in gathered writes, and the commit reads back after reopening")
    func gatheredLogWrites() async throws {
        #expect(SQLiteConnection.vfsName == "partner-log")
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database, config: .init(checkpointKiB: 0))
        let text = String(repeating: "y", count: 1_000)
        let before = SQLiteConnection.logWriteCounts
        try await store.write { tx in
            for index in 0..<600 {
                try tx.put(Note(id: "n\(index)", partnerId: "p1", slug: "s\(index)", text: text))
            }
        }
        let after = SQLiteConnection.logWriteCounts
        let requested = after.requested - before.requested
        let issued = after.issued - before.issued
        // Six hundred 1 KB notes fill well over a hundred 4 KiB pages: two writes asked for
        // each frame, a few dozen reaching the file (other tests' stores may write meanwhile).
        #expect(requested >= 200, "SQLite asked for \(requested) log writes")
        #expect(issued * 4 < requested, "\(issued) writes reached the file for \(requested) asked for")
        await store.close()

        let reopened = try SQLiteRecordStore(path: folder.database)
        let notes = try await reopened.read {
            try $0.list(Note.self, partnerId: "p1", lookupKey: nil, after: nil, limit: 1_000)
        }
        #expect(notes.count == 600 && notes.allSatisfy { $0.text == text })
        #expect(try await reopened.integrityProblems().isEmpty)
        await reopened.close()
    }
}

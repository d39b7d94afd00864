import Foundation
import PartnerCore
import PartnerTestSupport
import Testing

@testable import PartnerStore

@Suite("Schema migrations")
struct MigrationTests {
    private func userVersion(_ path: String) throws -> Int64 {
        let connection = try SQLiteConnection(path: path, requireWritable: false)
        defer { connection.close() }
        return try connection.integer("PRAGMA user_version")
    }

    @Test("a new database is created at the latest schema version")
    func freshDatabase() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        #expect(store.schemaVersion == Migrations.latestVersion)
        await store.close()
        #expect(try userVersion(folder.database) == Int64(Migrations.latestVersion))
    }

    @Test("opening with a longer migration list applies only the missing steps and keeps the data")
    func upgrade() async throws {
        let folder = try TemporaryFolder()
        var store = try SQLiteRecordStore(path: folder.database)
        try await store.write { try $0.put(Note(id: "n1", partnerId: "p1", slug: "kept")) }
        await store.close()

        let next = Migration(
            version: Migrations.latestVersion + 1,
            summary: "test step",
            sql: "CREATE TABLE extra (x INTEGER); INSERT INTO extra (x) VALUES (42);"
        )
        store = try SQLiteRecordStore(path: folder.database, config: .init(), migrations: Migrations.all + [next])
        #expect(store.schemaVersion == next.version)
        #expect(try await store.read { try $0.get(Note.self, id: "n1") }?.slug == "kept")
        await store.close()
        #expect(try userVersion(folder.database) == Int64(next.version))
        let connection = try SQLiteConnection(path: folder.database, requireWritable: false)
        #expect(try connection.integer("SELECT x FROM extra") == 42)
        connection.close()

        // Reopening with the same list runs nothing again (the INSERT would duplicate the row).
        store = try SQLiteRecordStore(path: folder.database, config: .init(), migrations: Migrations.all + [next])
        await store.close()
        let again = try SQLiteConnection(path: folder.database, requireWritable: false)
        #expect(try again.integer("SELECT count(*) FROM extra") == 1)
        again.close()
    }

    @Test("a database written by a newer schema refuses to open and names both versions")
    func newerSchemaRefused() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        await store.close()
        let newer = Migrations.latestVersion + 3
        let connection = try SQLiteConnection(path: folder.database, requireWritable: true)
        try connection.execute("PRAGMA user_version = \(newer)")
        connection.close()

        let error = await storeError { _ = try SQLiteRecordStore(path: folder.database) }
        #expect(error?.code == .incompatibleSchema)
        #expect(error?.message.contains("version \(newer)") == true)
        #expect(error?.message.contains("version \(Migrations.latestVersion)") == true)
        // The refusal released the lock and changed nothing.
        #expect(try userVersion(folder.database) == Int64(newer))
        let retry = await storeError { _ = try SQLiteRecordStore(path: folder.database) }
        #expect(retry?.code == .incompatibleSchema)
    }

    @Test("a failing migration step leaves the database at its previous version")
    func failingStepRollsBack() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteRecordStore(path: folder.database)
        await store.close()
        let broken = Migration(
            version: Migrations.latestVersion + 1, summary: "broken", sql: "CREATE TABLE records (x);")
        let error = await storeError {
            _ = try SQLiteRecordStore(path: folder.database, config: .init(), migrations: Migrations.all + [broken])
        }
        #expect(error != nil)
        #expect(try userVersion(folder.database) == Int64(Migrations.latestVersion))
    }
}

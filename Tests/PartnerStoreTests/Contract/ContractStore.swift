import Foundation
import PartnerCore
import PartnerStorePostgres
import PartnerTestSupport
import Testing

@testable import PartnerStore

/// The stores the contract suite runs against.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, sqlite, postgres

    var testDescription: String { rawValue }

    /// The engines that keep data across a close and a reopen.
    static let durable: [StoreEngine] = [.sqlite, .postgres]
}

/// One store under test, with what it takes to close and reopen it on the same data.
final class ContractStore: Sendable {
    let engine: StoreEngine
    let store: any RecordStore
    private let location: String
    private let folder: TemporaryFolder?

    private init(engine: StoreEngine, store: any RecordStore, location: String, folder: TemporaryFolder?) {
        self.engine = engine
        self.store = store
        self.location = location
        self.folder = folder
    }

    /// A new, empty store of `engine` (PostgreSQL: a fresh database on the shared cluster).
    static func make(_ engine: StoreEngine) async throws -> ContractStore {
        switch engine {
        case .memory:
            return ContractStore(engine: engine, store: MemoryRecordStore(), location: "", folder: nil)
        case .sqlite:
            let folder = try TemporaryFolder()
            let store = try await SQLiteRecordStore.open(path: folder.database)
            return ContractStore(engine: engine, store: store, location: folder.database, folder: folder)
        case .postgres:
            let cluster = try await PostgresTestCluster.shared()
            let url = try await cluster.createDatabase(prefix: "contract")
            let store = try await PostgresRecordStore.open(url: url)
            return ContractStore(engine: engine, store: store, location: url, folder: nil)
        }
    }

    /// Closes the store (memory: nothing to close).
    func close() async {
        switch store {
        case let sqlite as SQLiteRecordStore: await sqlite.close()
        case let postgres as PostgresRecordStore: await postgres.close()
        default: break
        }
    }

    /// Closes the store and opens a new one on the same data (durable engines only).
    func reopened() async throws -> ContractStore {
        await close()
        switch engine {
        case .memory:
            throw TestFailure("the memory store cannot be reopened")
        case .sqlite:
            let store = try await SQLiteRecordStore.open(path: location)
            return ContractStore(engine: engine, store: store, location: location, folder: folder)
        case .postgres:
            let store = try await PostgresRecordStore.open(url: location)
            return ContractStore(engine: engine, store: store, location: location, folder: nil)
        }
    }
}

public import PartnerCore
import PartnerService
public import PartnerStore
public import PartnerStorePostgres

/// Where a server keeps its records, and the one place either store is opened: SQLite in a
/// data folder (one process) or a PostgreSQL database (any number of replicas). Everything
/// above it (`PartnerApplication`, the services, the domain) sees only `RecordStore`.
///
/// ```swift
/// let store = try await StoreLocation.postgres(url: "postgresql://partner@db:5432/partner").open()
/// ```
public enum StoreLocation: Sendable {
    /// `partner.sqlite` in `dataDirectory` (created with the folder when missing).
    case sqlite(dataDirectory: String, config: SQLiteRecordStore.Config = .init())
    /// The PostgreSQL database at `url` (`postgresql://USER@HOST:PORT/DB`), shared by replicas.
    case postgres(url: String, config: PostgresRecordStore.Config = .init())

    /// Opens the store, creating the SQLite data folder (0700) or running the PostgreSQL
    /// migrations when needed.
    /// - Throws: `StoreError` when it cannot be opened (another process holds the SQLite file,
    ///   a newer schema, an unreachable database, an unwritable folder).
    public func open() async throws -> any RecordStore {
        switch self {
        case .sqlite(let folder, let config):
            try PartnerApplication.makeDirectory(folder)
            return try await SQLiteRecordStore.open(path: SQLiteRecordStore.path(inDataFolder: folder), config: config)
        case .postgres(let url, let config):
            return try await PostgresRecordStore.open(url: url, config: config)
        }
    }

    /// True for the store only one process may open (SQLite): online administration then goes
    /// through the running server (`AdminSpool`).
    public var isSingleProcess: Bool {
        if case .sqlite = self { return true }
        return false
    }
}

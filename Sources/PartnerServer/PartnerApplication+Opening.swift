import PartnerCore
public import PartnerService
import PartnerStore

extension PartnerApplication {
    /// Opens the store at `location` and the application over it: what `partner-server` runs.
    /// With SQLite, `options.dataDirectory` should be the store's folder.
    /// - Throws: `StoreError` when the store cannot be opened or initialised.
    public static func open(_ location: StoreLocation, options: Options) async throws -> PartnerApplication {
        let store = try await location.open()
        do {
            return try await open(store: store, options: options)
        } catch {
            await store.close()
            throw error
        }
    }

    /// Opens SQLite in `options.dataDirectory` with its default settings and the application
    /// over it (the embedded, single-machine server; tests use it).
    /// - Throws: `StoreError` when the store cannot be opened or initialised.
    public static func open(options: Options) async throws -> PartnerApplication {
        try await open(.sqlite(dataDirectory: options.dataDirectory), options: options)
    }

    /// The mode of `folder` when group or others may read, write or enter it (e.g. `0755`),
    /// for a warning at start; nil when it is owner-only.
    public static func dataFolderExposure(_ folder: String) -> String? {
        SQLiteRecordStore.exposure(ofDataFolder: folder)
    }
}

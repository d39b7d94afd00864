import PartnerCore
public import PartnerService
import PartnerStorePostgres

extension PartnerApplication {
    /// `partner-server create-partner`, safe while servers run:
    /// - with `databaseURL`: written straight to the shared PostgreSQL database (a transaction
    ///   like any replica's);
    /// - on SQLite with no server running: the store is opened here (creating the data folder
    ///   and its default partner when new), as before;
    /// - on SQLite while a server holds the store: handed to that server through its
    ///   `AdminSpool` in `<data>/admin/`.
    /// - Returns: the partner id, agent id and first token (shown once).
    /// - Throws: `StoreError` when neither way works, saying why.
    public static func createPartnerOnline(name: String, dataDirectory: String, databaseURL: String?) async throws
        -> (partnerId: String, agentId: String, token: String)
    {
        if let databaseURL {
            let store = try await PostgresRecordStore.open(
                url: databaseURL, config: .init(connectionCount: 1, notifications: false))
            do {
                let created = try await createPartner(
                    name: name, store: store, context: makeContext(clock: SystemClock()))
                await store.close()
                return created
            } catch {
                await store.close()
                throw error
            }
        }
        let app: PartnerApplication
        do {
            app = try await open(options: Options(dataDirectory: dataDirectory))
        } catch let error as StoreError where error.message.contains("already open in another process") {
            return try await AdminSpool(dataDirectory: dataDirectory).createPartner(name: name)
        }
        do {
            let created = try await createPartner(name: name, store: app.store, context: app.context)
            await app.close()
            return created
        } catch {
            await app.close()
            throw error
        }
    }
}

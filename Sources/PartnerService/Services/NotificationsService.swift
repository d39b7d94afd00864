import FramedRPC
import PartnerAPI
import PartnerCore

/// `Notifications.List`: the outbox — every message the system would have emailed.
struct NotificationsService: Notifications.ServiceProtocol {
    let backend: PartnerBackend
    var operations: JournalOperations { JournalOperations(context: backend.context) }

    func list(
        _ request: Notifications.ListRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Page<PartnerAPI.Notification> {
        let operations = operations
        return try await backend.readPage(
            context, request.pageSize, request.pageToken, as: PartnerAPI.Notification.init
        ) {
            page, caller, tx in try operations.notifications(page: page, caller: caller, in: tx)
        }
    }
}

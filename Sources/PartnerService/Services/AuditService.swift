import FramedRPC
import PartnerAPI
import PartnerCore

/// `Audit.List`: the partner's audit log, oldest first.
struct AuditService: PartnerAPI.Audit.ServiceProtocol {
    let backend: PartnerBackend
    var operations: JournalOperations { JournalOperations(context: backend.context) }

    func list(
        _ request: PartnerAPI.Audit.ListRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Page<PartnerAPI.AuditEntry> {
        let operations = operations
        let page = WireMapping.pageRequest(request.pageSize, request.pageToken)
        return try await backend.read(context) { caller, tx in
            WireMapping.page(try operations.audit(page: page, caller: caller, in: tx), PartnerAPI.AuditEntry.init)
        }
    }
}

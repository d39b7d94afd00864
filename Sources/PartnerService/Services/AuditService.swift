import FramedRPC
import PartnerAPI
import PartnerCore

/// `Audit.List`: the partner's audit log, newest first, within a bounded window.
struct AuditService: PartnerAPI.Audit.ServiceProtocol {
    let backend: PartnerBackend
    var operations: JournalOperations { JournalOperations(context: backend.context) }

    func list(
        _ request: PartnerAPI.Audit.ListRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Page<PartnerAPI.AuditEntry> {
        let operations = operations
        let query = AuditQuery(
            startTime: try Self.time(request.startTime, field: "startTime"),
            endTime: try Self.time(request.endTime, field: "endTime"), customerId: request.customerId,
            agentId: request.agentId, operation: request.operation)
        return try await backend.readPage(context, request.pageSize, request.pageToken, as: PartnerAPI.AuditEntry.init)
        {
            page, caller, tx in try operations.audit(query, page: page, caller: caller, in: tx)
        }
    }

    /// An RFC 3339 param as a timestamp.
    /// - Throws: INVALID_ARGUMENT naming `field` when it is not RFC 3339.
    static func time(_ text: String?, field: String) throws -> Timestamp? {
        guard let text else { return nil }
        guard let time = Timestamp(rfc3339: text) else {
            throw DomainError.invalid(field: field, reason: "\(text) is not an RFC 3339 time")
        }
        return time
    }
}

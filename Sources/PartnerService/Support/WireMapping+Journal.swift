import PartnerAPI
import PartnerCore

/// The outbox, the audit log and the simulated admin console's accounts: domain -> wire.

extension PartnerAPI.Notification {
    init(_ message: OutboxMessage) {
        self.init(
            id: message.id, kind: message.messageKind.rawValue, recipients: message.recipients,
            subject: message.subject,
            text: message.text, relatedIds: message.relatedIds.isEmpty ? nil : message.relatedIds,
            createTime: WireMapping.time(message.createTime))
    }
}

extension PartnerAPI.AuditEntry {
    init(_ entry: PartnerCore.AuditEntry) {
        self.init(
            id: entry.id, agentId: entry.agentId, roles: WireMapping.roles(entry.roles), method: entry.method,
            target: entry.target, before: entry.before, after: entry.after, requestId: entry.requestId,
            outcome: entry.outcome, time: WireMapping.time(entry.time))
    }
}

extension PartnerAPI.UpstreamAccount {
    init(_ account: PartnerCore.UpstreamAccount) {
        self.init(
            domain: account.domain, edition: account.edition.rawValue, customerId: account.customerId,
            organisationName: account.organisationName,
            alternateEmail: account.alternateEmail, resellerAccess: account.resellerAccess,
            domainVerified: account.domainVerified)
    }
}

extension WireMapping {
    /// A wire edition name as the domain's edition.
    /// - Throws: INVALID_ARGUMENT field `edition` for an unknown name.
    static func edition(_ name: String) throws -> UpstreamEdition {
        guard let edition = UpstreamEdition(rawValue: name) else {
            let known = UpstreamEdition.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError.invalid(field: "edition", reason: "\(name) is not an edition; use one of \(known)")
        }
        return edition
    }
}

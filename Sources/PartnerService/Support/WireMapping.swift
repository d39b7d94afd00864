import PartnerAPI
import PartnerCore

/// Conversions between domain values and wire messages that every service uses.
enum WireMapping {
    /// A domain timestamp as RFC 3339 text (`2026-01-02T03:04:05.006Z`).
    static func time(_ timestamp: Timestamp) -> String { timestamp.rfc3339 }

    /// An optional domain timestamp as RFC 3339 text.
    static func time(_ timestamp: Timestamp?) -> String? { timestamp?.rfc3339 }

    /// Domain roles as wire roles, sorted.
    static func roles(_ roles: some Sequence<PartnerCore.Role>) -> [PartnerAPI.Role] {
        roles.sorted().compactMap { PartnerAPI.Role(rawValue: $0.rawValue) }
    }

    /// Wire roles as domain roles.
    static func roles(_ roles: [PartnerAPI.Role]) -> Set<PartnerCore.Role> {
        Set(roles.compactMap { PartnerCore.Role(rawValue: $0.rawValue) })
    }
}

extension PartnerAPI.Partner {
    init(_ partner: PartnerCore.Partner) {
        self.init(
            id: partner.id, name: partner.name, supportEmail: partner.supportEmail, websiteUrl: partner.websiteUrl,
            phoneNumber: partner.phoneNumber, etag: partner.etag, createTime: WireMapping.time(partner.createTime),
            updateTime: WireMapping.time(partner.updateTime))
    }
}

extension PartnerAPI.Agent {
    init(_ agent: PartnerCore.Agent) {
        self.init(
            id: agent.id, displayName: agent.displayName, email: agent.email, roles: WireMapping.roles(agent.roles),
            disabled: agent.disabled, etag: agent.etag, createTime: WireMapping.time(agent.createTime),
            updateTime: WireMapping.time(agent.updateTime))
    }
}

extension PartnerAPI.ApiToken {
    init(_ token: ApiTokenInfo) {
        self.init(
            id: token.id, agentId: token.agentId, label: token.label, revoked: token.revoked,
            createTime: WireMapping.time(token.createTime), expireTime: WireMapping.time(token.expireTime),
            revokeTime: WireMapping.time(token.revokeTime))
    }
}

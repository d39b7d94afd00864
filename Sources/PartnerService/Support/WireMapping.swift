import PartnerAPI
import PartnerCore

/// Conversions between domain values and wire messages that every service uses.
enum WireMapping {
    /// A domain timestamp as RFC 3339 text: exactly `timestamp.rfc3339`
    /// (`2026-01-02T03:04:05.006Z`), written into one 24-byte string for years 0-9999.
    static func time(_ timestamp: Timestamp) -> String {
        let date = timestamp.civilDate
        guard (0...9999).contains(date.year) else { return timestamp.rfc3339 }
        let msOfDay = Int(timestamp.millisecondOfDay)
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(truncatingIfNeeded: value % 10) &+ 48
                    value /= 10
                }
            }
            put(date.year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(date.month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(date.day, 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(msOfDay / 3_600_000, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(msOfDay / 60_000 % 60, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(msOfDay / 1000 % 60, 2, at: 17)
            buffer[19] = UInt8(ascii: ".")
            put(msOfDay % 1000, 3, at: 20)
            buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

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

    /// A domain page as a wire page.
    static func page<Item, Message>(_ page: PartnerCore.Page<Item>, _ map: (Item) -> Message)
        -> PartnerAPI.Page<Message>
    {
        PartnerAPI.Page(items: page.items.map(map), nextPageToken: page.nextPageToken)
    }

    /// Wire paging params as a domain page request.
    static func pageRequest(_ size: Int?, _ token: String?) -> PartnerCore.PageRequest {
        PartnerCore.PageRequest(pageSize: size, pageToken: token)
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

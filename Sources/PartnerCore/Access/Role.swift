/// What an agent of a partner may do. An agent holds one or both roles.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Sells: creates and invites customers, places orders, changes seats, cancels.
    case salesAgent
    /// Administers: agents, tokens, partner profile, sync with admin console, suspend/activate,
    /// delete customers, audit log, billing period close, simulator controls.
    case adminAgent

    /// Orders by raw value (for stable listings).
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}

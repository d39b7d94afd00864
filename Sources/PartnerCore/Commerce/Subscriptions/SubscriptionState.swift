/// A subscription's life cycle: ACTIVE <-> SUSPENDED, either -> CANCELLED (terminal).
public enum SubscriptionState: String, Sendable, Hashable, Codable, CaseIterable {
    /// In service and billed; seats can change.
    case active = "ACTIVE"
    /// Service paused by the partner; still billed (the licences stay held); seats frozen.
    case suspended = "SUSPENDED"
    /// Ended for good: billing stops after the day of cancellation; nothing can change it.
    case cancelled = "CANCELLED"

    /// Whether the subscription still holds licences (not cancelled).
    public var isLive: Bool { self != .cancelled }
}

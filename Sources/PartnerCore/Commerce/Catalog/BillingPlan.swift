/// How a SKU is committed and billed. Every plan's unit price is per seat per month and is
/// billed monthly in arrears from seat-days (see `Proration`).
public enum BillingPlan: String, Sendable, Hashable, Codable, CaseIterable {
    /// Month to month, no seat commitment; seats may be added or removed at any time.
    case monthly = "MONTHLY"
    /// A twelve-month commitment: seats may be added at any time (raising the commitment) but
    /// not removed below the committed number until the term ends.
    case annual = "ANNUAL"
    /// Pay as you go: no commitment, seats added or removed at any time, billed per seat-day.
    case flexible = "FLEXIBLE"

    /// Whether seat decreases are limited by a commitment during the term.
    public var hasSeatCommitment: Bool { self == .annual }
}

/// Why a subscription is SUSPENDED; it returns to ACTIVE only when no reason is left. Each
/// reason is lifted only by whoever may set it: a reseller lifts only what a reseller set.
public enum SuspensionReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// `Subscriptions.Suspend` by an agent; `Subscriptions.Activate` lifts it.
    case resellerInitiated = "RESELLER_INITIATED"
    /// The customer was suspended (`Customers.Suspend`); `Customers.Reactivate` lifts it.
    case customerSuspended = "CUSTOMER_SUSPENDED"
    /// The upstream provider suspended it for an overdue payment; only the provider lifts it.
    case paymentOverdue = "PAYMENT_OVERDUE"
    /// The upstream provider suspended it for a terms-of-service violation; only the provider lifts it.
    case termsOfService = "TERMS_OF_SERVICE_VIOLATION"

    /// Ordered by raw value, so lists are stable.
    public static func < (a: SuspensionReason, b: SuspensionReason) -> Bool { a.rawValue < b.rawValue }
}

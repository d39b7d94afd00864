/// What a subscription is billed on: its SKU, that SKU's name and plan, and the price locked
/// when it was ordered or when a renewal moved it to the SKU. A PLAN_CHANGED history entry keeps
/// the terms before the change, so a month in which the plan changed bills each part on its own.
public struct PlanTerms: Sendable, Hashable, Codable {
    /// The SKU.
    public var skuId: String
    /// The SKU's display name.
    public var productName: String
    /// The SKU's plan.
    public var plan: BillingPlan
    /// Price per seat per month.
    public var unitPrice: Money

    /// The terms `subscription` is billed on now.
    public init(_ subscription: Subscription) {
        self.skuId = subscription.skuId
        self.productName = subscription.productName
        self.plan = subscription.plan
        self.unitPrice = subscription.unitPrice
    }
}

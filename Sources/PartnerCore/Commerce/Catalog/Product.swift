/// One SKU of the catalogue: a sellable edition of a product family on one billing plan.
public struct Product: Sendable, Hashable, Codable {
    /// Stable SKU id, e.g. "ws-business-starter-flex".
    public var skuId: String
    /// The family the SKU belongs to (`ProductFamily.id`).
    public var familyId: String
    /// Display name, e.g. "Business Starter (Flexible)".
    public var name: String
    /// Billing plan.
    public var plan: BillingPlan
    /// Price per seat per month.
    public var unitPrice: Money
    /// The most seats one subscription of this SKU may hold.
    public var maxSeats: Int
    /// Who may buy it.
    public var eligibility: ProductEligibility
    /// For add-ons: what the customer must already hold (any one of them). Empty for base SKUs.
    public var requiresAnyOf: [BaseRequirement]

    /// Creates a SKU.
    public init(
        skuId: String, familyId: String, name: String, plan: BillingPlan, unitPrice: Money,
        maxSeats: Int, eligibility: ProductEligibility, requiresAnyOf: [BaseRequirement] = []
    ) {
        self.skuId = skuId
        self.familyId = familyId
        self.name = name
        self.plan = plan
        self.unitPrice = unitPrice
        self.maxSeats = maxSeats
        self.eligibility = eligibility
        self.requiresAnyOf = requiresAnyOf
    }

    /// Whether the SKU is an add-on (needs a base subscription).
    public var isAddOn: Bool { !requiresAnyOf.isEmpty }

    /// The customer types that may buy it (wire field `customerTypes`), DOMAIN first.
    public var customerTypes: [CustomerType] {
        (eligibility.domainCustomers ? [CustomerType.domain] : [])
            + (eligibility.teamCustomers ? [CustomerType.team] : [])
    }
}

/// A purchase: one SKU with a number of seats for one customer. Placing it creates the
/// subscription; the order stays as the record of what was bought, by whom, at which price.
public struct Order: StoredRecord, Equatable {
    /// Stored kind `order`.
    public static let kind = RecordKind("order")

    /// Id, `ord_...`.
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// The customer it was placed for.
    public var customerId: String
    /// The SKU bought.
    public var skuId: String
    /// The SKU's plan.
    public var plan: BillingPlan
    /// Seats bought.
    public var seats: Int
    /// Price per seat per month at order time.
    public var unitPrice: Money
    /// The subscription created.
    public var subscriptionId: String
    /// The agent who placed it.
    public var agentId: String
    /// When.
    public var createTime: Timestamp

    /// Creates an order.
    public init(
        id: String, partnerId: String, customerId: String, product: Product, seats: Int, subscriptionId: String,
        agentId: String, time: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
        self.customerId = customerId
        self.skuId = product.skuId
        self.plan = product.plan
        self.seats = seats
        self.unitPrice = product.unitPrice
        self.subscriptionId = subscriptionId
        self.agentId = agentId
        self.createTime = time
    }

    /// `customer:<id>`.
    public var lookupKeys: [String] { ["customer:\(customerId)"] }
}

public import FramedJSON

/// A customer's subscription to a SKU.
public struct Subscription: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Customer.
    public var customerId: String
    /// SKU.
    public var sku: String
    /// Family.
    public var family: String
    /// Plan.
    public var plan: Plan
    /// Seats.
    public var seats: Int
    /// Annual plans: the seats committed for the term.
    public var committedSeats: Int?
    /// ACTIVE, SUSPENDED or CANCELLED.
    public var state: SubscriptionState
    /// RFC 3339.
    public var termEndTime: String?
    /// RFC 3339.
    public var cancelTime: String?
    /// Changes, oldest first.
    public var history: [SubscriptionChange]?
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(id: String, customerId: String, sku: String, family: String, plan: Plan, seats: Int, committedSeats: Int? = nil, state: SubscriptionState, termEndTime: String? = nil, cancelTime: String? = nil, history: [SubscriptionChange]? = nil, etag: String, createTime: String, updateTime: String) {
        self.id = id
        self.customerId = customerId
        self.sku = sku
        self.family = family
        self.plan = plan
        self.seats = seats
        self.committedSeats = committedSeats
        self.state = state
        self.termEndTime = termEndTime
        self.cancelTime = cancelTime
        self.history = history
        self.etag = etag
        self.createTime = createTime
        self.updateTime = updateTime
    }
}

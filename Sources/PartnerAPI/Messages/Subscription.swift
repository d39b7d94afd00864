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
    /// While SUSPENDED: why (RESELLER_INITIATED, CUSTOMER_SUSPENDED, ...).
    public var suspensionReasons: [String]?
    /// Annual plans: when the current term began (purchase or last renewal), RFC 3339.
    public var termStartTime: String?
    /// Annual plans: when the current term ends, RFC 3339.
    public var termEndTime: String?
    /// Annual plans: whether the term renews for a year at termEndTime.
    public var autoRenew: Bool?
    /// Annual plans: the SKU it moves to at its next renewal; absent to renew on the same SKU.
    public var renewalSku: String?
    /// While a trial: when it ends unless Subscriptions.StartPaidService converts it, RFC 3339.
    public var trialEndTime: String?
    /// RFC 3339.
    public var cancelTime: String?
    /// The most recent changes, oldest first (Subscriptions.Get only).
    public var history: [SubscriptionChange]?
    /// Subscriptions.Get only: older changes exist than those in history (Subscriptions.ListHistory).
    public var historyTruncated: Bool?
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(
        id: String, customerId: String, sku: String, family: String, plan: Plan, seats: Int, committedSeats: Int? = nil,
        state: SubscriptionState, suspensionReasons: [String]? = nil, termStartTime: String? = nil,
        termEndTime: String? = nil, autoRenew: Bool? = nil, renewalSku: String? = nil, trialEndTime: String? = nil,
        cancelTime: String? = nil, history: [SubscriptionChange]? = nil, historyTruncated: Bool? = nil, etag: String,
        createTime: String, updateTime: String
    ) {
        self.id = id
        self.customerId = customerId
        self.sku = sku
        self.family = family
        self.plan = plan
        self.seats = seats
        self.committedSeats = committedSeats
        self.state = state
        self.suspensionReasons = suspensionReasons
        self.termStartTime = termStartTime
        self.termEndTime = termEndTime
        self.autoRenew = autoRenew
        self.renewalSku = renewalSku
        self.trialEndTime = trialEndTime
        self.cancelTime = cancelTime
        self.history = history
        self.historyTruncated = historyTruncated
        self.etag = etag
        self.createTime = createTime
        self.updateTime = updateTime
    }
}

extension Subscription: JSONMemoizedEncodable {
    /// The encodings of up to 8,192 subscriptions answered, those read again kept first (about 2.4 KB
    /// each): a `get` or `list` answering one unchanged since copies its bytes.
    public static let encodingMemo = JSONEncodingMemo<Subscription>(capacity: 8192)
    /// One entry per subscription id.
    public var memoKey: String { id }
}

/// A customer's subscription to one SKU with a number of seats, created by `Orders.Place`.
///
/// The price is locked when ordered. An ANNUAL subscription carries a commitment: the seats it
/// may not go below until `termEndTime` (see `CommerceRules.requireCommitmentKept`).
public struct Subscription: StoredRecord, Versioned, Equatable {
    /// Stored kind `subscription`.
    public static let kind = RecordKind("subscription")

    /// Id, `sub_...`.
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// The customer holding it.
    public var customerId: String
    /// The order that created it.
    public var orderId: String
    /// The SKU.
    public var skuId: String
    /// The SKU's family (one live subscription per family and customer).
    public var familyId: String
    /// The SKU's display name when ordered.
    public var productName: String
    /// The SKU's plan.
    public var plan: BillingPlan
    /// Price per seat per month, locked at order time.
    public var unitPrice: Money
    /// Seats held now (1...the SKU's maximum).
    public var seats: Int
    /// ANNUAL only: seats committed for the current term; `nil` for other plans.
    public var committedSeats: Int?
    /// ANNUAL only: when the current term ends; `nil` for other plans. The renewal is recorded
    /// at the first seat change after it (see `CommerceRules.renewCommitmentIfDue`).
    public var termEndTime: Timestamp?
    /// ANNUAL only: when the current term began (the purchase or the last recorded renewal);
    /// `nil` for other plans, and on records from before it was kept (then `createTime`).
    public var termStartTime: Timestamp?
    /// ANNUAL only: whether the commitment renews for another year at `termEndTime` (default
    /// on; `Subscriptions.UpdateRenewalSettings` turns it off). `nil` for plans without a term
    /// and on records from before it was kept (then on).
    public var autoRenew: Bool?
    /// ANNUAL only: the SKU (of the same family) the subscription moves to when its term next
    /// renews, set by `Subscriptions.UpdateRenewalSettings` (`renewalSku`); `nil` renews on the
    /// same SKU. Applied where the renewal is recorded (see `CommerceRules.renewCommitmentIfDue`).
    public var renewalSkuId: String?
    /// While a trial (`Orders.Place` with `trial`): when it ends unless
    /// `Subscriptions.StartPaidService` converts it first (see `CommerceRules.endTrialIfDue`);
    /// `nil` once paid or when it never was a trial. A trial is not billed.
    public var trialEndTime: Timestamp?
    /// Life-cycle state.
    public var state: SubscriptionState
    /// While SUSPENDED: why (`nil` on records from before reasons were kept, read as
    /// RESELLER_INITIATED); `nil` otherwise.
    public var suspensionReasons: [SuspensionReason]?
    /// Version counter.
    public var version: Int64
    /// Etag of `version`.
    public var etag: String
    /// When it was ordered (billing starts that day).
    public var createTime: Timestamp
    /// Last change.
    public var updateTime: Timestamp
    /// When it was cancelled (billing stops after that day), if it was.
    public var cancelTime: Timestamp?

    /// Days a trial runs before it ends unless converted to paid service.
    public static let trialDays = 30

    /// Creates an ACTIVE subscription at version 1; a trial (`trial`) ends `trialDays` after
    /// `time` and has no commitment term until `Subscriptions.StartPaidService` starts one.
    public init(
        id: String, partnerId: String, customerId: String, orderId: String, product: Product, seats: Int,
        time: Timestamp, trial: Bool = false
    ) {
        self.id = id
        self.partnerId = partnerId
        self.customerId = customerId
        self.orderId = orderId
        self.skuId = product.skuId
        self.familyId = product.familyId
        self.productName = product.name
        self.plan = product.plan
        self.unitPrice = product.unitPrice
        self.seats = seats
        if product.plan.hasSeatCommitment && !trial {
            self.committedSeats = seats
            self.termEndTime = Subscription.oneYear(after: time)
            self.termStartTime = time
            self.autoRenew = true
        } else if product.plan.hasSeatCommitment {
            self.committedSeats = nil
            self.termEndTime = nil
            self.termStartTime = nil
            self.autoRenew = true
        } else {
            self.committedSeats = nil
            self.termEndTime = nil
            self.termStartTime = nil
            self.autoRenew = nil
        }
        self.renewalSkuId = nil
        self.trialEndTime = trial ? time.adding(days: Int64(Subscription.trialDays)) : nil
        self.state = .active
        self.version = 1
        self.etag = Etag.initial
        self.createTime = time
        self.updateTime = time
        self.cancelTime = nil
    }

    /// The same instant one calendar year later (UTC); February 29 maps to February 28.
    public static func oneYear(after time: Timestamp) -> Timestamp {
        let date = time.civilDate
        let day = min(date.day, Timestamp.daysInMonth(year: date.year + 1, month: date.month))
        return Timestamp(year: date.year + 1, month: date.month, day: day).adding(milliseconds: time.millisecondOfDay)
    }

    /// Why it is suspended, sorted; empty unless SUSPENDED.
    public var activeSuspensionReasons: [SuspensionReason] {
        guard state == .suspended else { return [] }
        return (suspensionReasons ?? [.resellerInitiated]).sorted()
    }

    /// Whether it is a trial still running at `now`: live, not converted, its end not reached.
    public func isTrial(at now: Timestamp) -> Bool {
        guard state.isLive, let end = trialEndTime else { return false }
        return now < end
    }

    /// The subscription as it stands at `now` once what is due without a call has happened (a
    /// trial past its end has ended, `CommerceRules.endTrialIfDue`); what reads return. The
    /// version and etag stay: the stored record catches up at its next write.
    public func settled(at now: Timestamp) -> Subscription {
        var settled = self
        CommerceRules.endTrialIfDue(&settled, now: now)
        return settled
    }

    /// Whether the commitment renews at term end (plans with a commitment only).
    public var renews: Bool { plan.hasSeatCommitment && autoRenew != false }

    /// The key that keeps one live subscription per customer and family.
    public static func liveFamilyKey(customerId: String, familyId: String) -> String {
        "live-family:\(customerId):\(familyId)"
    }

    /// While live: one per customer and family.
    public var uniqueKeys: [String] {
        state.isLive ? [Subscription.liveFamilyKey(customerId: customerId, familyId: familyId)] : []
    }

    /// `customer:<id>` (what `LiveSubscriptionChecking` lists by).
    public var lookupKeys: [String] { ["customer:\(customerId)"] }
}

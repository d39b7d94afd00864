/// One entry of a subscription's history: who changed what, why, and when. Stored as its own
/// record (lookup key `target:<subscription id>`), numbered 1, 2, 3 ... per subscription: the
/// sequence is the subscription's version after the change (every version is one entry). Ids
/// are time-ordered, so new entries are appended to the store's tables instead of landing
/// beside their subscription's older ones; order a history by `sequence`. The history is also
/// the seat timeline invoices are computed from.
public struct SubscriptionChange: StoredRecord, Equatable {
    /// Stored kind `subscription_change`.
    public static let kind = RecordKind("subscription_change", journal: true)

    /// What happened.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// Ordered (`Orders.Place`).
        case created = "CREATED"
        /// Seats changed (`Subscriptions.ChangeSeats`).
        case seatsChanged = "SEATS_CHANGED"
        /// Suspended.
        case suspended = "SUSPENDED"
        /// Activated again.
        case activated = "ACTIVATED"
        /// Cancelled.
        case cancelled = "CANCELLED"
        /// Renewal settings changed (`Subscriptions.UpdateRenewalSettings`).
        case renewalChanged = "RENEWAL_CHANGED"
        /// Ordered as a trial (`Orders.Place` with `trial`): held, not billed.
        case trialStarted = "TRIAL_STARTED"
        /// A trial converted to paid service (`Subscriptions.StartPaidService`): billed from now.
        case paidServiceStarted = "PAID_SERVICE_STARTED"
        /// A trial reached its end without conversion and ended (recorded lazily).
        case trialEnded = "TRIAL_ENDED"
        /// The term renewed onto the pending renewal SKU (`renewalSku`).
        case planChanged = "PLAN_CHANGED"
    }

    /// Id `sch_<time-ordered id>` (entries written before schema 2 kept
    /// `sch_<subscriptionId>_<sequence zero-padded to 10>`).
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// The subscription changed.
    public var subscriptionId: String
    /// Its customer.
    public var customerId: String
    /// Position in the subscription's history, from 1.
    public var sequence: Int64
    /// What happened.
    public var action: Action
    /// Seats before (`nil` for `created`).
    public var fromSeats: Int?
    /// Seats after (the subscription keeps its seat count when cancelled; billing uses the action).
    public var toSeats: Int
    /// State before (`nil` for `created`).
    public var stateBefore: SubscriptionState?
    /// State after.
    public var stateAfter: SubscriptionState
    /// The agent who made the change.
    public var agentId: String
    /// The agent's roles at the time.
    public var roles: [Role]
    /// The request id, when known.
    public var requestId: String?
    /// Why: the caller's reason, or a default naming the operation.
    public var reason: String
    /// When.
    public var time: Timestamp
    /// PLAN_CHANGED only: the terms billed before the change (the subscription, or the next
    /// PLAN_CHANGED entry's `fromTerms`, has those after it); `nil` for other actions.
    public var fromTerms: PlanTerms?

    /// Creates an entry.
    /// - Parameter id: the entry's id, `sch_...` from the context's time-ordered generator.
    public init(
        id: String, partnerId: String, subscriptionId: String, customerId: String, sequence: Int64, action: Action,
        fromSeats: Int?, toSeats: Int, stateBefore: SubscriptionState?, stateAfter: SubscriptionState,
        caller: Caller, reason: String, time: Timestamp
    ) {
        self.id = id
        self.partnerId = partnerId
        self.subscriptionId = subscriptionId
        self.customerId = customerId
        self.sequence = sequence
        self.action = action
        self.fromSeats = fromSeats
        self.toSeats = toSeats
        self.stateBefore = stateBefore
        self.stateAfter = stateAfter
        self.agentId = caller.agentId
        self.roles = caller.roles.sorted()
        self.requestId = caller.requestId
        self.reason = reason
        self.time = time
        self.fromTerms = nil
    }

    /// `target:<subscription id>`, the key the change's audit entry carries too, so a store
    /// can keep both side by side.
    public var lookupKeys: [String] { ["target:\(subscriptionId)"] }

    /// The seat timeline of a history (in sequence order): each creation or seat change sets the
    /// count; a cancellation sets 0. Suspension does not stop billing. A trial holds 0 billed
    /// seats (seat changes during it included) until paid service starts, which sets the count.
    public static func timeline(_ history: [SubscriptionChange]) -> SeatTimeline {
        var inTrial = false
        return SeatTimeline(
            history.sorted { $0.sequence < $1.sequence }.compactMap { change in
                switch change.action {
                case .created, .seatsChanged, .planChanged:
                    return SeatTimeline.Point(at: change.time, seats: inTrial ? 0 : change.toSeats)
                case .trialStarted:
                    inTrial = true
                    return SeatTimeline.Point(at: change.time, seats: 0)
                case .paidServiceStarted:
                    inTrial = false
                    return SeatTimeline.Point(at: change.time, seats: change.toSeats)
                case .cancelled, .trialEnded: return SeatTimeline.Point(at: change.time, seats: 0)
                case .suspended, .activated, .renewalChanged: return nil
                }
            })
    }
}

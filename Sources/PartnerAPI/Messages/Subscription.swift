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

// MARK: JSON coding

extension Subscription: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"id\":", into: &out)
        WireBytes.string(id, into: &out)
        WireBytes.literal(",\"customerId\":", into: &out)
        WireBytes.string(customerId, into: &out)
        WireBytes.literal(",\"sku\":", into: &out)
        WireBytes.string(sku, into: &out)
        WireBytes.literal(",\"family\":", into: &out)
        WireBytes.string(family, into: &out)
        WireBytes.literal(",\"plan\":", into: &out)
        WireBytes.string(plan.rawValue, into: &out)
        WireBytes.literal(",\"seats\":", into: &out)
        WireBytes.int(seats, into: &out)
        if let committedSeats {
            WireBytes.literal(",\"committedSeats\":", into: &out)
            WireBytes.int(committedSeats, into: &out)
        }
        WireBytes.literal(",\"state\":", into: &out)
        WireBytes.string(state.rawValue, into: &out)
        if let suspensionReasons {
            WireBytes.literal(",\"suspensionReasons\":", into: &out)
            out.append(UInt8(ascii: "["))
            for (index, element) in suspensionReasons.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireBytes.string(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let termStartTime {
            WireBytes.literal(",\"termStartTime\":", into: &out)
            WireBytes.string(termStartTime, into: &out)
        }
        if let termEndTime {
            WireBytes.literal(",\"termEndTime\":", into: &out)
            WireBytes.string(termEndTime, into: &out)
        }
        if let autoRenew {
            WireBytes.literal(",\"autoRenew\":", into: &out)
            WireBytes.bool(autoRenew, into: &out)
        }
        if let renewalSku {
            WireBytes.literal(",\"renewalSku\":", into: &out)
            WireBytes.string(renewalSku, into: &out)
        }
        if let trialEndTime {
            WireBytes.literal(",\"trialEndTime\":", into: &out)
            WireBytes.string(trialEndTime, into: &out)
        }
        if let cancelTime {
            WireBytes.literal(",\"cancelTime\":", into: &out)
            WireBytes.string(cancelTime, into: &out)
        }
        if let history {
            WireBytes.literal(",\"history\":", into: &out)
            out.append(UInt8(ascii: "["))
            for (index, element) in history.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let historyTruncated {
            WireBytes.literal(",\"historyTruncated\":", into: &out)
            WireBytes.bool(historyTruncated, into: &out)
        }
        WireBytes.literal(",\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
        WireBytes.literal(",\"updateTime\":", into: &out)
        WireBytes.string(updateTime, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.customerId = try fields.required("customerId")
        self.sku = try fields.required("sku")
        self.family = try fields.required("family")
        self.plan = try fields.required("plan")
        self.seats = try fields.required("seats")
        self.committedSeats = try fields.optional("committedSeats")
        self.state = try fields.required("state")
        self.suspensionReasons = try fields.optional("suspensionReasons")
        self.termStartTime = try fields.optional("termStartTime")
        self.termEndTime = try fields.optional("termEndTime")
        self.autoRenew = try fields.optional("autoRenew")
        self.renewalSku = try fields.optional("renewalSku")
        self.trialEndTime = try fields.optional("trialEndTime")
        self.cancelTime = try fields.optional("cancelTime")
        self.history = try fields.optional("history")
        self.historyTruncated = try fields.optional("historyTruncated")
        self.etag = try fields.required("etag")
        self.createTime = try fields.required("createTime")
        self.updateTime = try fields.required("updateTime")
    }
}

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

// MARK: JSON coding

extension Subscription {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("customerId")
        writer.string(customerId)
        writer.key("sku")
        writer.string(sku)
        writer.key("family")
        writer.string(family)
        writer.key("plan")
        writer.string(plan.rawValue)
        writer.key("seats")
        writer.int(seats)
        if let committedSeats {
            writer.key("committedSeats")
            writer.int(committedSeats)
        }
        writer.key("state")
        writer.string(state.rawValue)
        if let termEndTime {
            writer.key("termEndTime")
            writer.string(termEndTime)
        }
        if let cancelTime {
            writer.key("cancelTime")
            writer.string(cancelTime)
        }
        if let history {
            writer.key("history")
            writer.beginArray()
            for element in history {
                element.encode(to: &writer)
            }
            writer.endArray()
        }
        writer.key("etag")
        writer.string(etag)
        writer.key("createTime")
        writer.string(createTime)
        writer.key("updateTime")
        writer.string(updateTime)
        writer.endObject()
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
        self.termEndTime = try fields.optional("termEndTime")
        self.cancelTime = try fields.optional("cancelTime")
        self.history = try fields.optional("history")
        self.etag = try fields.required("etag")
        self.createTime = try fields.required("createTime")
        self.updateTime = try fields.required("updateTime")
    }
}

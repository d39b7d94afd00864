public import FramedJSON

/// One entry of a subscription's history.
public struct SubscriptionChange: Codable, Sendable, Hashable, JSONCodable {
    /// RFC 3339.
    public var time: String
    /// Who.
    public var agentId: String
    /// What: CREATE, CHANGE_SEATS, SUSPEND, ACTIVATE, CANCEL, UPDATE_RENEWAL_SETTINGS,
    /// CREATE_TRIAL, START_PAID_SERVICE, END_TRIAL, CHANGE_PLAN.
    public var action: String
    /// Seats before.
    public var fromSeats: Int?
    /// Seats after.
    public var toSeats: Int?
    /// Why.
    public var reason: String?

    /// Creates the message.
    public init(
        time: String, agentId: String, action: String, fromSeats: Int? = nil, toSeats: Int? = nil, reason: String? = nil
    ) {
        self.time = time
        self.agentId = agentId
        self.action = action
        self.fromSeats = fromSeats
        self.toSeats = toSeats
        self.reason = reason
    }
}

// MARK: JSON coding

extension SubscriptionChange: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"time\":", into: &out)
        WireBytes.string(time, into: &out)
        WireBytes.literal(",\"agentId\":", into: &out)
        WireBytes.string(agentId, into: &out)
        WireBytes.literal(",\"action\":", into: &out)
        WireBytes.string(action, into: &out)
        if let fromSeats {
            WireBytes.literal(",\"fromSeats\":", into: &out)
            WireBytes.int(fromSeats, into: &out)
        }
        if let toSeats {
            WireBytes.literal(",\"toSeats\":", into: &out)
            WireBytes.int(toSeats, into: &out)
        }
        if let reason {
            WireBytes.literal(",\"reason\":", into: &out)
            WireBytes.string(reason, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.time = try fields.required("time")
        self.agentId = try fields.required("agentId")
        self.action = try fields.required("action")
        self.fromSeats = try fields.optional("fromSeats")
        self.toSeats = try fields.optional("toSeats")
        self.reason = try fields.optional("reason")
    }
}

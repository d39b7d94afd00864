public import FramedJSON

/// One entry of a subscription's history.
public struct SubscriptionChange: Codable, Sendable, Hashable, JSONCodable {
    /// RFC 3339.
    public var time: String
    /// Who.
    public var agentId: String
    /// What: CREATE, CHANGE_SEATS, SUSPEND, ACTIVATE, CANCEL.
    public var action: String
    /// Seats before.
    public var fromSeats: Int?
    /// Seats after.
    public var toSeats: Int?
    /// Why.
    public var reason: String?

    /// Creates the message.
    public init(time: String, agentId: String, action: String, fromSeats: Int? = nil, toSeats: Int? = nil, reason: String? = nil) {
        self.time = time
        self.agentId = agentId
        self.action = action
        self.fromSeats = fromSeats
        self.toSeats = toSeats
        self.reason = reason
    }
}

// MARK: JSON coding

extension SubscriptionChange {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("time")
        writer.string(time)
        writer.key("agentId")
        writer.string(agentId)
        writer.key("action")
        writer.string(action)
        if let fromSeats {
            writer.key("fromSeats")
            writer.int(fromSeats)
        }
        if let toSeats {
            writer.key("toSeats")
            writer.int(toSeats)
        }
        if let reason {
            writer.key("reason")
            writer.string(reason)
        }
        writer.endObject()
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

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

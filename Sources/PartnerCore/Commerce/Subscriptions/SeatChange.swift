/// `Subscriptions.ChangeSeats` input: set the seats to `seats`, or move them by `delta`
/// (exactly one of the two).
public struct SeatChange: Sendable, Hashable, Codable {
    /// The subscription.
    public var subscriptionId: String
    /// The new absolute seat count.
    public var seats: Int?
    /// Seats to add (positive) or remove (negative); not 0.
    public var delta: Int?
    /// The etag the caller read; when given and stale the change is refused with ABORTED.
    public var etag: String?
    /// Why, for the history (optional, up to 500 characters).
    public var reason: String?

    /// Creates a seat change.
    public init(
        subscriptionId: String, seats: Int? = nil, delta: Int? = nil, etag: String? = nil, reason: String? = nil
    ) {
        self.subscriptionId = subscriptionId
        self.seats = seats
        self.delta = delta
        self.etag = etag
        self.reason = reason
    }
}

/// One change in the integration event feed (`Events.Watch`). Events of a partner carry a
/// gap-free sequence 1, 2, 3, ... and their ids sort in that order, so a watcher resumes with
/// "after id X".
public struct DomainEvent: StoredRecord, Equatable {
    /// Stored kind `domain_event`.
    public static let kind = RecordKind("domain_event")

    /// Id `evt_<partnerId>_<sequence zero-padded to 16>`.
    public var id: String
    /// The partner whose feed it is.
    public var partnerId: String
    /// Position in the partner's feed, from 1.
    public var sequence: Int64
    /// What happened, `<resource>.<verb>`, e.g. `customer.created`, `subscription.seats_changed`.
    public var type: String
    /// The id of the resource it happened to.
    public var resourceId: String
    /// The customer the change concerns, when there is one.
    public var customerId: String?
    /// Small facts about the change (field -> value).
    public var data: [String: String]
    /// When.
    public var time: Timestamp

    /// Creates an event.
    public init(
        partnerId: String, sequence: Int64, type: String, resourceId: String, customerId: String? = nil,
        data: [String: String], time: Timestamp
    ) {
        self.id = DomainEvent.id(partnerId: partnerId, sequence: sequence)
        self.partnerId = partnerId
        self.sequence = sequence
        self.type = type
        self.resourceId = resourceId
        self.customerId = customerId
        self.data = data
        self.time = time
    }

    /// The id of a partner's event number `sequence` (for resuming: "after this id").
    public static func id(partnerId: String, sequence: Int64) -> String {
        let digits = String(sequence)
        return "evt_\(partnerId)_" + String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}

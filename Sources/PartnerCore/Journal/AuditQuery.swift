/// `Audit.List` filters: a time window of at most 90 days (default: the 90 days up to now),
/// and optionally one customer, one agent, one operation.
public struct AuditQuery: Sendable, Hashable, Codable {
    /// The longest window one query may span.
    public static let maxWindowDays: Int64 = 90

    /// Entries at or after this time; default `endTime` minus 90 days.
    public var startTime: Timestamp?
    /// Entries at or before this time; default now.
    public var endTime: Timestamp?
    /// Entries about this customer: the customer itself, its subscriptions, contacts and
    /// invitations.
    public var customerId: String?
    /// Entries of this agent's calls.
    public var agentId: String?
    /// Entries of this method, e.g. `Customers.Update`.
    public var operation: String?

    /// Creates a query.
    public init(
        startTime: Timestamp? = nil, endTime: Timestamp? = nil, customerId: String? = nil, agentId: String? = nil,
        operation: String? = nil
    ) {
        self.startTime = startTime
        self.endTime = endTime
        self.customerId = customerId
        self.agentId = agentId
        self.operation = operation
    }

    /// The window, checked (rule `auditWindowBounded`).
    /// - Throws: INVALID_ARGUMENT `endTime` before `startTime`; `startTime` when the window
    ///   spans more than 90 days.
    public func window(now: Timestamp) throws(DomainError) -> (start: Timestamp, end: Timestamp) {
        let end = endTime ?? now
        let start = startTime ?? end.adding(days: -Self.maxWindowDays)
        guard start <= end else {
            throw DomainError.invalid(field: "endTime", reason: "is before startTime \(start.rfc3339)")
        }
        guard
            end.millisecondsSinceEpoch - start.millisecondsSinceEpoch <= Self.maxWindowDays
                * Timestamp.millisecondsPerDay
        else {
            throw DomainError.invalid(
                field: "startTime",
                reason:
                    "makes a window of more than \(Self.maxWindowDays) days (\(start.rfc3339) to \(end.rfc3339)); query at most \(Self.maxWindowDays) days at a time"
            )
        }
        return (start, end)
    }
}

extension AuditQuery: PageQuery {
    private static let reflectedTypeName = String(reflecting: AuditQuery.self)

    /// The query as `String(reflecting:)` writes it.
    public var pageBinding: String {
        PageQueryText(typeName: Self.reflectedTypeName).field("startTime", startTime).field("endTime", endTime).field(
            "customerId", customerId
        )
        .field("agentId", agentId).field("operation", operation).result()
    }
}

/// A customer's life cycle.
public enum CustomerState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Invited, has not accepted yet: nothing can be bought for it.
    case invited = "INVITED"
    /// Active: orders and seat changes allowed.
    case active = "ACTIVE"
    /// Suspended.
    case suspended = "SUSPENDED"
    /// Deleted: answers NOT_FOUND from then on.
    case deleted = "DELETED"
}

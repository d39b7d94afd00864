/// What another process committed, as far as this one was told.
public struct RemoteCommit: Sendable, Hashable {
    /// The kinds of records put or deleted; nil when unknown (anything may have changed).
    public var kinds: Set<String>?

    /// A commit touching `kinds`.
    public init(kinds: Set<String>?) { self.kinds = kinds }

    /// Notifications may have been lost: treat everything as changed.
    public static let unknown = RemoteCommit(kinds: nil)

    /// Whether records of `kind` may have changed.
    public func mayInclude(_ kind: RecordKind) -> Bool { kinds?.contains(kind.name) ?? true }
}

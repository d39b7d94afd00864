/// A value the store keeps: one row of one kind, owned by one partner.
///
/// The store persists records as opaque encoded bodies and maintains two kinds of secondary
/// keys for them. `uniqueKeys` must be unique across all records of the same kind (a second
/// record claiming one makes `put` throw `StoreError.duplicateKey`); `lookupKeys` are
/// non-unique labels that `list` can filter by (e.g. "customer:cus_01H..." on a
/// subscription). Both are recomputed on every `put`.
///
/// ```swift
/// struct Note: StoredRecord {
///     static let kind = RecordKind("note")
///     var id: String, partnerId: String, slug: String, text: String
///     var uniqueKeys: [String] { ["slug:\(slug)"] }
///     var lookupKeys: [String] { [] }
/// }
/// ```
public protocol StoredRecord: Codable, Sendable {
    /// The table-like family this record belongs to.
    static var kind: RecordKind { get }
    /// The record's id, unique within its kind. Lists are ordered by it, ascending.
    var id: String { get }
    /// The partner that owns the record; every list is scoped to one partner.
    var partnerId: String { get }
    /// Keys unique across the kind (e.g. "domain:example.com"). Default: none.
    var uniqueKeys: [String] { get }
    /// Non-unique keys `list` can select by (e.g. "customer:cus_1"). Default: none.
    var lookupKeys: [String] { get }
}

extension StoredRecord {
    /// No unique keys.
    public var uniqueKeys: [String] { [] }
    /// No lookup keys.
    public var lookupKeys: [String] { [] }
}

/// The name of a family of records ("customer", "subscription"). Stable: it is stored on disk.
public struct RecordKind: Sendable, Hashable, CustomStringConvertible {
    /// The stored name.
    public let name: String
    /// Whether the kind is a journal: records appended as things happen, every id of the kind
    /// `<prefix>_<text>` with one prefix and a text that grows in creation order across journal
    /// kinds (`IDGenerator` ids). A store may then keep the lookup rows of journal records in
    /// creation order whatever their kind, so the entries one change writes under one key (a
    /// subscription's history entry and its audit entry) sit side by side; lists still come
    /// in id order within a kind.
    public let journal: Bool
    /// Creates a kind. Use lower-case ASCII; the name is written to disk.
    public init(_ name: String, journal: Bool = false) {
        self.name = name
        self.journal = journal
    }
    /// The stored name.
    public var description: String { name }
}

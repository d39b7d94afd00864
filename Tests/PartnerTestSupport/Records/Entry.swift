public import PartnerCore

/// A journal store test record: no unique keys, one lookup key per tag, written with an id nobody
/// read before (what audit entries, history entries and events are).
public struct Entry: StoredRecord, Equatable {
    /// "entry", a journal kind.
    public static let kind = RecordKind("entry", journal: true)
    /// Its id.
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// Free text.
    public var text: String
    /// One lookup key each.
    public var tags: [String]
    /// None.
    public var uniqueKeys: [String] { [] }
    /// `tag:TAG` per tag.
    public var lookupKeys: [String] { tags.map { "tag:\($0)" } }

    /// An entry with these fields.
    public init(id: String, partnerId: String, text: String = "", tags: [String] = []) {
        self.id = id
        self.partnerId = partnerId
        self.text = text
        self.tags = tags
    }
}

public import PartnerCore

/// A second journal kind for store tests, beside `Entry`: one lookup key per tag, ids that grow
/// in creation order across both kinds.
public struct Mark: StoredRecord, Equatable {
    /// "mark", a journal kind.
    public static let kind = RecordKind("mark", journal: true)
    /// Its id.
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// One lookup key each.
    public var tags: [String]
    /// `tag:TAG` per tag.
    public var lookupKeys: [String] { tags.map { "tag:\($0)" } }

    /// A mark with these fields.
    public init(id: String, partnerId: String, tags: [String] = []) {
        self.id = id
        self.partnerId = partnerId
        self.tags = tags
    }
}

public import PartnerCore

/// A store test record: one unique key (its slug) and one lookup key per tag.
public struct Note: StoredRecord, Equatable {
    /// "note".
    public static let kind = RecordKind("note")
    /// Its id.
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// Unique within the kind.
    public var slug: String
    /// Free text.
    public var text: String
    /// One lookup key each.
    public var tags: [String]
    /// `slug:SLUG`.
    public var uniqueKeys: [String] { ["slug:\(slug)"] }
    /// `tag:TAG` per tag.
    public var lookupKeys: [String] { tags.map { "tag:\($0)" } }

    /// A note with these fields.
    public init(id: String, partnerId: String, slug: String, text: String = "", tags: [String] = []) {
        self.id = id
        self.partnerId = partnerId
        self.slug = slug
        self.text = text
        self.tags = tags
    }
}

public import PartnerCore

/// Another kind using the same unique-key strings as `Note`: keys are unique per kind only.
public struct Label: StoredRecord, Equatable {
    /// "label".
    public static let kind = RecordKind("label")
    /// Its id.
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// Unique within the kind.
    public var slug: String
    /// `slug:SLUG`, the same strings as a note's.
    public var uniqueKeys: [String] { ["slug:\(slug)"] }

    /// A label with these fields.
    public init(id: String, partnerId: String, slug: String) {
        self.id = id
        self.partnerId = partnerId
        self.slug = slug
    }
}

public import PartnerCore

/// A versioned value for the stores' concurrency tests.
public struct Counter: StoredRecord, Equatable {
    /// "counter".
    public static let kind = RecordKind("counter")
    /// Its id.
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// The count.
    public var value: Int

    /// A counter with these fields.
    public init(id: String, partnerId: String = "p1", value: Int) {
        self.id = id
        self.partnerId = partnerId
        self.value = value
    }
}

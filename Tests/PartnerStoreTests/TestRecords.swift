import PartnerCore

/// A note: one unique key (its slug) and one lookup key per tag.
struct Note: StoredRecord, Equatable {
    static let kind = RecordKind("note")
    var id: String
    var partnerId: String
    var slug: String
    var text: String = ""
    var tags: [String] = []
    var uniqueKeys: [String] { ["slug:\(slug)"] }
    var lookupKeys: [String] { tags.map { "tag:\($0)" } }
}

/// Another kind using the same unique-key strings as `Note`: keys are unique per kind only.
struct Label: StoredRecord, Equatable {
    static let kind = RecordKind("label")
    var id: String
    var partnerId: String
    var slug: String
    var uniqueKeys: [String] { ["slug:\(slug)"] }
}

/// A versioned value for concurrency tests.
struct Counter: StoredRecord, Equatable {
    static let kind = RecordKind("counter")
    var id: String
    var partnerId: String = "p1"
    var value: Int
}

/// The same kind as `Note` with an incompatible shape: decoding a note as this fails.
struct BrokenNote: StoredRecord {
    static let kind = RecordKind("note")
    var id: String
    var partnerId: String
    var mustExist: Int
}

/// The records the crash writer stores (same shapes as in `store-crash-writer`).
struct CrashEntry: StoredRecord {
    static let kind = RecordKind("crash-entry")
    var id: String
    var partnerId: String
    var number: Int64
    var payload: String
}

struct CrashShadow: StoredRecord {
    static let kind = RecordKind("crash-shadow")
    var id: String
    var partnerId: String
    var number: Int64
}

/// An error a test body throws on purpose.
struct IntendedFailure: Error, Equatable {
    var tag: String
}

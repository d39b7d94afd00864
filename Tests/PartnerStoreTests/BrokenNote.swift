import PartnerCore
import PartnerTestSupport

/// The same kind as `Note` with an incompatible shape: decoding a note as this fails.
struct BrokenNote: StoredRecord {
    static let kind = RecordKind("note")
    var id: String
    var partnerId: String
    var mustExist: Int
}

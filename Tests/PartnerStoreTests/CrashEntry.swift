import PartnerCore
import PartnerTestSupport

/// The records the crash writer stores (same shapes as in `store-crash-writer`).
struct CrashEntry: StoredRecord {
    static let kind = RecordKind("crash-entry")
    var id: String
    var partnerId: String
    var number: Int64
    var payload: String
}

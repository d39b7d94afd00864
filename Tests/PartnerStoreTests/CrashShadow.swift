import PartnerCore
import PartnerTestSupport

/// The shadow record the crash writer stores beside each entry (same shape as in `store-crash-writer`).
struct CrashShadow: StoredRecord {
    static let kind = RecordKind("crash-shadow")
    var id: String
    var partnerId: String
    var number: Int64
}

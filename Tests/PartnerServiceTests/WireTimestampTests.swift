import PartnerCore
import Testing

@testable import PartnerService

/// The wire spelling of domain timestamps.
@Suite("Wire timestamps")
struct WireTimestampTests {
    @Test(
        "a timestamp is written exactly as its RFC 3339 text",
        arguments: [
            0, 1, 999, 1_000, 86_399_999, 1_767_225_600_000, 1_798_761_599_999, -1, -62_135_596_800_000,
            -62_167_219_200_000, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001,
        ] as [Int64])
    func sameText(milliseconds: Int64) {
        let timestamp = Timestamp(millisecondsSinceEpoch: milliseconds)
        #expect(WireMapping.time(timestamp) == timestamp.rfc3339)
    }
}

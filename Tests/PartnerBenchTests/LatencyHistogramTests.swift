import Testing

@testable import partner_bench

@Suite("LatencyHistogram")
struct LatencyHistogramTests {
    @Test(
        "a value falls in the bucket whose range holds it, within 1/32 of its size",
        arguments: [
            0, 1, 31, 32, 33, 63, 64, 65, 1_000, 4_095, 4_096, 123_456, 1_000_000_007, UInt64(1) << 62, UInt64.max,
        ])
    func bucketHoldsValue(_ value: UInt64) {
        let index = LatencyHistogram.index(of: value)
        #expect(index >= 0 && index < LatencyHistogram.bucketCount)
        #expect(LatencyHistogram.upperBound(of: index) >= value)
        if index > 0 { #expect(LatencyHistogram.upperBound(of: index - 1) < value) }
        let width =
            LatencyHistogram.upperBound(of: index) - (index > 0 ? LatencyHistogram.upperBound(of: index - 1) : 0)
        #expect(value < 64 ? width <= 1 : width <= value / 16)
    }

    @Test("percentiles of 1...10,000 are within 3% and merging adds counts")
    func percentilesAndMerge() {
        var a = LatencyHistogram()
        var b = LatencyHistogram()
        for value in UInt64(1)...10_000 {
            if value.isMultiple(of: 2) { a.record(nanoseconds: value) } else { b.record(nanoseconds: value) }
        }
        a.merge(b)
        #expect(a.total == 10_000)
        #expect(a.maximum == 10_000)
        for (fraction, exact) in [(0.5, 5_000.0), (0.99, 9_900.0), (0.999, 9_990.0)] {
            let reported = Double(a.percentile(fraction))
            #expect(reported >= exact && reported <= exact * 1.03, "p\(fraction * 100): \(reported)")
        }
        #expect(a.percentile(1.0) == 10_000)
        #expect(LatencyHistogram().percentile(0.5) == 0)
    }
}

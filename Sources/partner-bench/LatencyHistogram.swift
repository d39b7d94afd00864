/// Latencies in nanoseconds, counted in log-linear buckets: values below 32 ns exactly, then 32
/// buckets per power of two, so any reported percentile is within about 3% of the true value.
///
/// Recording is an index computation and one increment: the bucket array is allocated once, so
/// a closed-loop worker can record every call without allocating. Each worker owns one
/// histogram; they are merged after the run.
///
/// ```swift
/// var histogram = LatencyHistogram()
/// histogram.record(nanoseconds: 41_250)
/// let p99 = histogram.percentile(0.99)   // nanoseconds, rounded up to the bucket's top
/// ```
struct LatencyHistogram: Sendable {
    /// Sub-buckets per power of two, as a power of two.
    static let subBucketBits = 5
    static let subBuckets = 1 << subBucketBits
    static let bucketCount = (64 - subBucketBits + 1) * subBuckets

    private(set) var counts: [UInt64]
    /// Values recorded.
    private(set) var total: UInt64 = 0
    /// The largest value recorded.
    private(set) var maximum: UInt64 = 0

    /// An empty histogram.
    init() {
        counts = [UInt64](repeating: 0, count: Self.bucketCount)
    }

    /// The bucket holding `value`.
    @inline(__always)
    static func index(of value: UInt64) -> Int {
        if value < UInt64(subBuckets) { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount
        let sub = Int(truncatingIfNeeded: value >> UInt64(exponent - subBucketBits)) & (subBuckets - 1)
        return (exponent - subBucketBits + 1) * subBuckets + sub
    }

    /// The largest value that falls in bucket `index`.
    static func upperBound(of index: Int) -> UInt64 {
        if index < subBuckets { return UInt64(index) }
        let exponent = index / subBuckets + subBucketBits - 1
        let sub = UInt64(index % subBuckets)
        let shift = UInt64(exponent - subBucketBits)
        let low = (UInt64(subBuckets) + sub) << shift
        return low + ((1 << shift) - 1)
    }

    /// Counts one latency.
    @inline(__always)
    mutating func record(nanoseconds value: UInt64) {
        counts[Self.index(of: value)] &+= 1
        total &+= 1
        if value > maximum { maximum = value }
    }

    /// Adds every count of `other`.
    mutating func merge(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] &+= other.counts[index] }
        total &+= other.total
        maximum = max(maximum, other.maximum)
    }

    /// The value at or below which `fraction` (0...1) of the recorded values fall, as the top of
    /// its bucket (never above the maximum recorded); 0 when empty.
    func percentile(_ fraction: Double) -> UInt64 {
        guard total > 0 else { return 0 }
        let rank = max(1, UInt64((Double(total) * fraction).rounded(.up)))
        var seen: UInt64 = 0
        for index in counts.indices {
            seen &+= counts[index]
            if seen >= rank { return min(Self.upperBound(of: index), maximum) }
        }
        return maximum
    }
}

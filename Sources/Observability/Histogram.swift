/// A Prometheus histogram's state: counts per upper bound, their sum and count.
public struct Histogram: Sendable {
    /// Upper bounds, ascending; `+Inf` is implied.
    public let bounds: [Double]
    /// Observations per bucket (not cumulative); the last slot is `+Inf`.
    public private(set) var counts: [UInt64]
    /// The sum of every observation.
    public private(set) var sum: Double = 0
    /// The number of observations.
    public private(set) var count: UInt64 = 0

    /// Creates an empty histogram.
    public init(bounds: [Double]) {
        self.bounds = bounds
        self.counts = Array(repeating: 0, count: bounds.count + 1)
    }

    /// Adds one observation.
    public mutating func observe(_ value: Double) {
        var index = bounds.count
        for (i, bound) in bounds.enumerated() where value <= bound {
            index = i
            break
        }
        counts[index] += 1
        sum += value
        count += 1
    }

    /// Call latency, in seconds: 100 µs to 10 s.
    public static let latencyBounds: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]
    /// Writes per commit: 1 to 1,000.
    public static let batchBounds: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000]
}

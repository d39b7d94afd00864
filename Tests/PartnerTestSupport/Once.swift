import Synchronization

/// Lets exactly one of several racers act (resume a continuation, report a result).
public final class Once: Sendable {
    private let claimed = Atomic<Bool>(false)

    /// A flag not yet claimed.
    public init() {}

    /// True for the first caller only.
    public func claim() -> Bool {
        claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}

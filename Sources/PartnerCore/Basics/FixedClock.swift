import Synchronization

/// A clock that stands still until told to move: for tests and deterministic demos.
///
/// ```swift
/// let clock = FixedClock(Timestamp(year: 2026, month: 3, day: 1))
/// clock.advance(days: 31)
/// ```
public final class FixedClock: DomainClock {
    private let current: Mutex<Timestamp>

    /// Creates a clock showing `start`.
    public init(_ start: Timestamp = Timestamp(year: 2026, month: 1, day: 1)) {
        current = Mutex(start)
    }

    /// The time the clock shows.
    public func now() -> Timestamp { current.withLock { $0 } }

    /// Sets the time the clock shows.
    public func set(_ time: Timestamp) { current.withLock { $0 = time } }

    /// Moves the clock forward by `milliseconds`.
    public func advance(milliseconds: Int64) {
        current.withLock { $0 = $0.adding(milliseconds: milliseconds) }
    }

    /// Moves the clock forward by whole `seconds`.
    public func advance(seconds: Int64) { advance(milliseconds: seconds * 1000) }

    /// Moves the clock forward by whole days.
    public func advance(days: Int64) { advance(milliseconds: days * Timestamp.millisecondsPerDay) }
}

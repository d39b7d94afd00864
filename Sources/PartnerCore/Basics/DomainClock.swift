#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The source of "now" for the domain. Inject a `FixedClock` in tests.
public protocol DomainClock: Sendable {
    /// The current time.
    func now() -> Timestamp
}

/// The wall clock (`CLOCK_REALTIME`), in milliseconds.
public struct SystemClock: DomainClock {
    /// Creates the wall clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}

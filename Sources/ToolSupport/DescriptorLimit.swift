#if canImport(Glibc)
    import Glibc
#endif

/// The process's limit on open files (RLIMIT_NOFILE).
public enum DescriptorLimit {
    /// Raises the soft limit to the hard limit, as servers that hold many connections do (the
    /// usual soft default of 1,024 would refuse the 1,025th connection); returns the soft
    /// limit now in force.
    @discardableResult
    public static func raiseToHard() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// The hard limit: what `raiseToHard()` can reach.
    public static var hard: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        return Int(clamping: limit.rlim_max)
    }
}

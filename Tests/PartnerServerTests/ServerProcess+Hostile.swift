import PartnerTestSupport

extension ServerProcess {
    /// The hostile-client and operability suites' options: debug log lines (frames, closes)
    /// and two event loops.
    static let hostileOptions = ["--log-level", "debug", "--loops", "2"]
}

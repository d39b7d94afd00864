/// How one case ended.
public struct CaseResult: Sendable {
    /// How a case can end.
    public enum Outcome: Sendable {
        /// The target kept the rule.
        case passed
        /// The target broke the rule.
        case failed(CaseFailure)
        /// The case could not run here, with the reason.
        case skipped(String)
    }

    /// The case's name.
    public var name: String
    /// The rule it checks.
    public var rule: String
    /// Its outcome.
    public var outcome: Outcome
    /// Wall-clock time it took.
    public var duration: Duration

    /// True when the outcome is `.failed`.
    public var failed: Bool {
        if case .failed = outcome { return true }
        return false
    }
}

/// Counts of a run's outcomes.
public struct ConformanceSummary: Sendable, Equatable, CustomStringConvertible {
    /// Cases that passed.
    public var passed = 0
    /// Cases that failed.
    public var failed = 0
    /// Cases skipped.
    public var skipped = 0

    /// Creates an empty summary.
    public init() {}

    /// Counts `result`.
    public mutating func add(_ result: CaseResult) {
        switch result.outcome {
        case .passed: passed += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        }
    }

    /// `N passed, N failed` and `, N skipped` when any were.
    public var description: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}

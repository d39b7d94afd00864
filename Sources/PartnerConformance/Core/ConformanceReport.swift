import FramedJSON

/// Renders results as the suite prints them: one line per case, or one JSON object per line.
public enum ConformanceReport {
    /// `PASS name`, `SKIP name: reason`, or `FAIL name: reason` followed by the rule and the
    /// transcript, indented.
    public static func text(_ result: CaseResult) -> String {
        switch result.outcome {
        case .passed:
            return "PASS \(result.name)"
        case .skipped(let reason):
            return "SKIP \(result.name): \(reason)"
        case .failed(let failure):
            var lines = ["FAIL \(result.name): \(failure.reason)", "    rule: \(result.rule)"]
            lines += failure.transcript.map { "    \($0)" }
            return lines.joined(separator: "\n")
        }
    }

    /// `{"case":…,"outcome":"pass"|"fail"|"skip","rule":…,"ms":…}` plus `reason` and
    /// `transcript` when there are any.
    public static func json(_ result: CaseResult) -> String {
        var object: JSONObject = [
            "case": .string(result.name),
            "rule": .string(result.rule),
            "ms": .int(
                Int64(
                    result.duration.components.seconds * 1000 + result.duration.components.attoseconds
                        / 1_000_000_000_000_000)),
        ]
        switch result.outcome {
        case .passed:
            object.members.insert(.init(key: "outcome", value: "pass"), at: 1)
        case .skipped(let reason):
            object.members.insert(.init(key: "outcome", value: "skip"), at: 1)
            object.members.append(.init(key: "reason", value: .string(reason)))
        case .failed(let failure):
            object.members.insert(.init(key: "outcome", value: "fail"), at: 1)
            object.members.append(.init(key: "reason", value: .string(failure.reason)))
            let lines = failure.transcript.map {
                JSONValue.object(["direction": .string($0.direction.rawValue), "text": .string($0.text)])
            }
            object.members.append(.init(key: "transcript", value: .array(lines)))
        }
        return JSONValue.object(object).encodedString
    }

    /// The JSON summary line: `{"passed":N,"failed":N,"skipped":N}`.
    public static func json(_ summary: ConformanceSummary) -> String {
        JSONValue.object([
            "passed": .int(Int64(summary.passed)), "failed": .int(Int64(summary.failed)),
            "skipped": .int(Int64(summary.skipped)),
        ]).encodedString
    }
}

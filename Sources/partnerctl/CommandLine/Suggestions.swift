/// "Did you mean" for mistyped commands and options.
enum Suggestions {
    /// The candidates closest to `word` (edit distance at most a third of its length, at
    /// least 1; or a candidate that starts with it), best first, at most three.
    static func closest(to word: String, in candidates: some Sequence<String>) -> [String] {
        let limit = max(1, word.count / 3)
        let scored = Set(candidates).compactMap { candidate -> (String, Int)? in
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit { return (candidate, distance) }
            if word.count >= 2 && candidate.hasPrefix(word) { return (candidate, limit + 1) }
            return nil
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(3).map(\.0)
    }

    /// `; did you mean 'a' or 'b'?`, or "" when nothing is close.
    static func hint(for word: String, in candidates: some Sequence<String>, prefix: String = "") -> String {
        let close = closest(to: word, in: candidates)
        guard !close.isEmpty else { return "" }
        return "; did you mean " + close.map { "'\(prefix)\($0)'" }.joined(separator: " or ") + "?"
    }

    /// Levenshtein distance, with a transposition counted as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}

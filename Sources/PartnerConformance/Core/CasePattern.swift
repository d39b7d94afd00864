/// The `--only` filter: comma-separated patterns where `*` matches any run of characters;
/// a pattern without `*` matches names that start with it (`wire.framing` picks the group).
public struct CasePattern: Sendable {
    private let patterns: [[Substring]]

    /// Parses `text`; an empty text matches everything.
    public init(_ text: String) {
        patterns = text.split(separator: ",").map { part in
            let trimmed = part.trimmingCharacters(in: " ")
            let glob = trimmed.contains("*") ? trimmed : trimmed + "*"
            return glob.split(separator: "*", omittingEmptySubsequences: false)
        }
    }

    /// True when `name` matches one of the patterns (or there are none).
    public func matches(_ name: String) -> Bool {
        patterns.isEmpty || patterns.contains { Self.glob($0, name[...]) }
    }

    private static func glob(_ pieces: [Substring], _ name: Substring) -> Bool {
        guard let first = pieces.first else { return name.isEmpty }
        guard name.hasPrefix(first) else { return false }
        var rest = name.dropFirst(first.count)
        let middle = pieces.dropFirst()
        guard let last = middle.last else { return rest.isEmpty }
        for piece in middle.dropLast() {
            guard let range = rest.firstRange(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}

extension Substring {
    /// The text without `character` repeated at either end.
    func trimmingCharacters(in character: Character) -> Substring {
        var result = self
        while result.first == character { result = result.dropFirst() }
        while result.last == character { result = result.dropLast() }
        return result
    }
}

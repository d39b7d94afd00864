/// A JSON Schema `pattern`: an ECMA-262-style regular expression, matched unanchored as the
/// specification says (anchor with ^ and $ to match the whole string).
public struct JSONSchemaPattern {
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern`, or returns `nil` when the syntax is not supported.
    public init?(_ pattern: String) {
        guard let regex = try? Regex(pattern) else { return nil }
        self.regex = regex
    }

    /// True when the pattern matches somewhere in `string`.
    public func matches(_ string: String) -> Bool {
        (try? regex.firstMatch(in: string)) != nil
    }
}

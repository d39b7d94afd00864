/// Why bytes could not be read as JSON: the reason and the byte offset where it was found.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, in plain words ("unexpected character '}'", "nesting deeper than 64").
    public var reason: String
    /// The byte offset into the input where the problem was found.
    public var offset: Int
    /// True when the input broke a configured limit (depth) rather than JSON's grammar.
    public var isLimit: Bool

    /// Creates an error.
    public init(reason: String, offset: Int, isLimit: Bool = false) {
        self.reason = reason
        self.offset = offset
        self.isLimit = isLimit
    }

    /// "<reason> at byte <offset>".
    public var description: String { "\(reason) at byte \(offset)" }
}

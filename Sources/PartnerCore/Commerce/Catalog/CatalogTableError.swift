/// A catalogue table that cannot be read, with the 1-based line it was found on (0 when the
/// problem is between rows, e.g. an unknown family).
public struct CatalogTableError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number, or 0 for whole-table problems.
    public var line: Int
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// "line N: message".
    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// One place where a JSON value breaks its schema: the path of the value and what is wrong.
///
/// Paths follow WIRE.md §5.1: dots for members and brackets for array indexes, relative to the
/// validated value (`address.postalCode`, `items[2].sku`); the empty path is the value itself.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// Where: `items[2].sku`, or `""` for the value itself.
    public var path: String
    /// What: `is required`, `must be a string, got integer`.
    public var reason: String

    /// Creates a violation.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `items[2].sku is required`, or just the reason at the root.
    public var description: String { path.isEmpty ? reason : "\(path) \(reason)" }

    /// `base.member`, or `member` when `base` is the root.
    static func member(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

    /// `base[index]`.
    static func index(_ base: String, _ index: Int) -> String { "\(base)[\(index)]" }
}

/// One way a value fails a JSON Schema: where (a JSON-pointer-like dotted path) and why.
public struct JSONSchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// The path of the offending value: "" for the root, "customer.address.postalCode",
    /// "items[3]".
    public var path: String
    /// What rule failed, e.g. "is required", "must be one of [A, B]", "must be at most 200 characters".
    public var reason: String

    /// Creates a violation.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// "<path>: <reason>" ("(root)" for the root).
    public var description: String { "\(path.isEmpty ? "(root)" : path): \(reason)" }
}

/// A test harness failure with a plain message.
public struct TestFailure: Error, CustomStringConvertible {
    /// What failed.
    public var description: String
    /// A failure saying `description`.
    public init(_ description: String) { self.description = description }
}

/// An error a test body throws on purpose.
public struct IntendedFailure: Error, Equatable {
    /// Which body threw it.
    public var tag: String

    /// A failure tagged `tag`.
    public init(tag: String) { self.tag = tag }
}

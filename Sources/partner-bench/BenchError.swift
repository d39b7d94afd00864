/// A bench failure with a message for the user.
struct BenchError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

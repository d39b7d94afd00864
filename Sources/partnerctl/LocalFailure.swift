/// A failure on this side that is not a usage mistake (a file that cannot be written, an
/// answer that cannot be decoded): printed as `error: message`, exit code 3 (`ExitCode.local`).
struct LocalFailure: Error, Sendable {
    /// What went wrong.
    var message: String
    init(_ message: String) { self.message = message }
}

import ToolSupport

/// `partner-conformance serve`: the suite as a scripted, misbehaving server for client tests.
public enum ConformanceServeCommand {
    /// Parses the serve options from `args` and serves until killed.
    /// - Throws: `CommandLineError` for bad options.
    public static func run(_ args: inout CommandArguments) throws {
        throw CommandLineError("serve is not built yet")
    }
}

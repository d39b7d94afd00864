/// What every executable's `--version` prints: the release version and the git commit the
/// binary was built from (recorded at build time by the package's `GitCommitPlugin`).
public enum BuildInfo {
    /// The release version.
    public static let version = "0.1.0"
    /// The git commit (`-dirty` when built from modified sources, `unknown` outside git).
    public static let commit: String = buildGitCommit

    /// `<tool> <version> (commit <sha>)`.
    public static func versionLine(tool: String) -> String {
        "\(tool) \(version) (commit \(commit))"
    }
}

#if canImport(Glibc)
    import Glibc
#endif

extension BuildInfo {
    /// Prints `versionLine(tool:)` and exits 0 when `--version` is among the options of
    /// `arguments` (the program name excluded; nothing after `--` counts).
    public static func exitIfVersionAsked(tool: String, arguments: [String] = Array(CommandLine.arguments.dropFirst()))
    {
        guard arguments.prefix(while: { $0 != "--" }).contains("--version") else { return }
        print(versionLine(tool: tool))
        exit(0)
    }
}

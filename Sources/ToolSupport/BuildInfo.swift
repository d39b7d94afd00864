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

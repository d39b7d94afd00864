// Records the git commit the sources are built from, as `let buildGitCommit = "<sha>"` in a
// generated Swift file of the target using the plugin (ToolSupport's `BuildInfo`). It runs
// before every build and rewrites the file only when the commit changes, so the commit a
// binary reports is the one it was built from: `<sha>-dirty` when tracked files differ from
// it, `unknown` outside a git checkout.
import Foundation
import PackagePlugin

@main
struct GitCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "GitCommit")
        let script = """
            commit=$(git -C "$1" rev-parse HEAD 2>/dev/null || echo unknown)
            if [ "$commit" != unknown ] && ! git -C "$1" diff --quiet HEAD -- 2>/dev/null; then commit="$commit-dirty"; fi
            mkdir -p "$2"
            line="let buildGitCommit = \\"$commit\\""
            [ "$(cat "$2/GitCommit.swift" 2>/dev/null)" = "$line" ] || printf '%s\\n' "$line" > "$2/GitCommit.swift"
            """
        return [
            .prebuildCommand(
                displayName: "Recording the git commit", executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}

// Embeds the contract, Protocol/partner.openrpc.json, in the target using the plugin (PartnerAPI)
// as `PartnerSchema.documentText`: a generated Swift file holding the document byte for byte
// in a raw string literal. The build reruns it whenever the document changes, so the embedded
// copy is never maintained by hand and never out of date.
import Foundation
import PackagePlugin

@main
struct ContractEmbedPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let document = context.package.directoryURL.appending(path: "Protocol/partner.openrpc.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "PartnerSchema+Document.swift")
        // The document must not hold the literal's closing delimiter; a multi-line literal
        // drops the newline before `"""#`, so one more keeps the file's final newline.
        let script = """
            set -e
            if grep -q '\"\"\"#' "$1"; then echo "$1 holds the sequence \\"\\"\\"# and cannot be embedded" >&2; exit 1; fi
            {
              printf '%s\\n' 'extension PartnerSchema {'
              printf '%s\\n' '    /// The OpenRPC document, byte for byte as in `Protocol/partner.openrpc.json`.'
              printf '%s\\n' '    public static let documentText: String = #\"\"\"'
              cat "$1"
              printf '\\n%s\\n%s\\n' '\"\"\"#' '}'
            } > "$2.tmp"
            mv "$2.tmp" "$2"
            """
        return [
            .buildCommand(
                displayName: "Embedding Protocol/partner.openrpc.json", executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script, "sh", document.path, output.path],
                inputFiles: [document], outputFiles: [output])
        ]
    }
}

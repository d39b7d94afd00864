// Embeds the contract, Protocol/partner.openrpc.json, in the target using the plugin (PartnerAPI)
// as `PartnerSchema.documentText`, through Scripts/embed-contract.sh (which Fuzz/build.sh runs
// too). The build reruns it whenever the document changes, so the embedded copy is never
// maintained by hand and never out of date.
import Foundation
import PackagePlugin

@main
struct ContractEmbedPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let package = context.package.directoryURL
        let document = package.appending(path: "Protocol/partner.openrpc.json")
        let script = package.appending(path: "Scripts/embed-contract.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "PartnerSchema+Document.swift")
        return [
            .buildCommand(
                displayName: "Embedding Protocol/partner.openrpc.json", executable: URL(filePath: "/bin/sh"),
                arguments: [script.path, document.path, output.path],
                inputFiles: [document, script], outputFiles: [output])
        ]
    }
}

import PartnerAPI
import ToolSupport

/// `partnerctl --version`.
enum Version {
    /// `partnerctl 0.1.0 (commit 0123…) protocol 1.0.0`: the build (the version and commit
    /// every executable prints) and the version of the contract it was built against.
    static var text: String {
        let contract = PartnerSchema.document["info"]?["version"]?.stringValue ?? "unknown"
        return "\(BuildInfo.versionLine(tool: "partnerctl")) protocol \(contract)"
    }
}

import PartnerAPI

/// `partnerctl --version`.
enum Version {
    /// This build of partnerctl.
    static let partnerctl = "0.9.0"

    /// `partnerctl 0.9.0 (PartnerConsole protocol 1.0.0)`: the tool and the contract it was built against.
    static var text: String {
        let contract = PartnerSchema.document["info"]?["version"]?.stringValue ?? "unknown"
        return "partnerctl \(partnerctl) (PartnerConsole protocol \(contract), framed JSON-RPC over TCP)"
    }
}

import FramedRPC
import PartnerAPI
import ToolSupport

/// `sim rename-org`: the customer renames its organisation in its own admin console.
enum UpstreamRenameCommands {
    static let all: [Command] = [
        Command(
            "sim rename-org", "CUSTOMER_ID NAME",
            summary: "the customer changes its legal name upstream (a mismatch; the friendly name never follows)",
            run: rename)
    ]

    static func rename(_ args: inout CommandArguments, _ session: Session) async throws {
        guard let id = args.nextPositional(), let name = args.nextPositional() else {
            throw CommandLineError("give the customer id and the new organisation name")
        }
        try args.done()
        let account = try await session.client.adminConsoleSim.renameOrganisation(
            .init(customerId: id, organisationName: name), options: session.call)
        try session.emit(account) {
            "admin console of \($0.customerId ?? id): organisation \($0.organisationName ?? name)"
        }
    }
}

import FramedRPC
import PartnerAPI
import ToolSupport

/// `contacts set-primary` and `contacts delete-primary`.
enum PrimaryContactCommands {
    static let all: [Command] = [
        Command(
            "contacts set-primary", "CONTACT_ID BILLING|TECHNICAL|BUSINESS [--etag ETAG]",
            summary: "make a contact its scope's primary contact of a type", run: setPrimary),
        Command(
            "contacts delete-primary", "CONTACT_ID --successor CONTACT_ID",
            summary: "delete a primary contact, naming the contact that becomes primary in its place",
            run: deletePrimary),
    ]

    static func setPrimary(_ args: inout CommandArguments, _ session: Session) async throws {
        guard let id = args.nextPositional(), let name = args.nextPositional() else {
            throw CommandLineError("give the contact id and a type (BILLING, TECHNICAL or BUSINESS)")
        }
        guard let type = ContactType(rawValue: name.uppercased()) else {
            throw CommandLineError("'\(name)' is not BILLING, TECHNICAL or BUSINESS")
        }
        let etag = args.value("etag")
        try args.done()
        let contact = try await session.client.contacts.setPrimary(
            .init(contactId: id, type: type, etag: etag), options: session.call)
        try session.emit(contact) {
            "\($0.id) is primary for \(($0.primaryFor ?? []).map(\.rawValue).joined(separator: ", "))"
        }
    }

    static func deletePrimary(_ args: inout CommandArguments, _ session: Session) async throws {
        guard let id = args.nextPositional() else { throw CommandLineError("give the contact id") }
        let successor = try args.required("successor")
        try args.done()
        let contact = try await session.client.contacts.delete(
            .init(contactId: id, successorContactId: successor), options: session.call)
        try session.emit(contact) { "deleted \($0.id); \(successor) succeeds it as primary" }
    }
}

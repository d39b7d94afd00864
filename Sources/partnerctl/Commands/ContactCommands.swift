import Foundation
import FramedJSON
import FramedRPC
import PartnerAPI
import ToolSupport

/// `contacts ...`: the partner's and its customers' contacts.
enum ContactCommands {
    static let all: [Command] = [
        Command("contacts list", "[--customer ID]", summary: "contacts of the partner, or of one customer", run: list),
        Command(
            "contacts create", "--first-name F --last-name L --email E --types T[,T] [--customer ID]",
            summary: "add a contact (an outside person, or --user ID for an existing user)",
            details: """
                OPTIONS
                  --customer ID        the customer's contact (default: the partner's own)
                  --user ID            make the contact from an existing user
                  --first-name NAME, --last-name NAME, --email EMAIL   required for an outside person
                  --phone NUMBER, --job-title TEXT                     optional
                  --types LIST         BILLING, TECHNICAL, BUSINESS (comma separated)
                """, run: create),
        Command(
            "contacts update", "ID [--customer ID] [--email E] [--first-name F] [--last-name L] [--types T]",
            summary: "change a contact; a new email applies only once confirmed", run: update),
        Command("contacts delete", "ID", summary: "delete a contact (a linked user stays)", run: delete),
        Command(
            "contacts confirm", "CODE", summary: "confirm an email change with its one-time code (no token needed)",
            run: confirm),
    ]

    static func types(_ args: inout CommandArguments, required: Bool) throws(CommandLineError) -> [ContactType]? {
        guard let text = args.value("types") else {
            if required { throw CommandLineError("missing required option --types (BILLING, TECHNICAL, BUSINESS)") }
            return nil
        }
        var result: [ContactType] = []
        for part in text.split(separator: ",") {
            guard let type = ContactType(rawValue: part.trimmingCharacters(in: .whitespaces).uppercased()) else {
                throw CommandLineError("option --types takes BILLING, TECHNICAL, BUSINESS; got '\(part)'")
            }
            result.append(type)
        }
        return result
    }

    static func table(_ contacts: [Contact]) -> String {
        var table = TextTable(columns: ["ID", "NAME", "EMAIL", "TYPES", "CUSTOMER", "USER", "PENDING EMAIL"])
        for c in contacts {
            table.add([
                c.id, "\(c.firstName) \(c.lastName)", c.businessEmail, c.types.map(\.rawValue).joined(separator: ","),
                c.customerId ?? "-", c.userId ?? "-", c.pendingEmail ?? "-",
            ])
        }
        return table.render()
    }

    static func all(_ session: Session, customer: String?) async throws(RPCError) -> [Contact] {
        try await Paging.all(session, Contacts.methods.list, customer: customer)
    }

    static func list(_ args: inout CommandArguments, _ session: Session) async throws {
        let customer = args.value("customer")
        try args.done()
        let contacts = try await all(session, customer: customer)
        try session.emit(Page(items: contacts)) { table($0.items) }
    }

    static func create(_ args: inout CommandArguments, _ session: Session) async throws {
        let request = Contacts.CreateRequest(
            customerId: args.value("customer"), userId: args.value("user"), firstName: args.value("first-name"),
            lastName: args.value("last-name"), businessEmail: args.value("email"), businessPhone: args.value("phone"),
            jobTitle: args.value("job-title"), types: try types(&args, required: true) ?? [])
        try args.done()
        let contact = try await session.client.contacts.create(request, options: session.call)
        try session.emit(contact) { "created contact \($0.id)\n\n" + table([$0]) }
    }

    static func update(_ args: inout CommandArguments, _ session: Session) async throws {
        let id = try args.positional("ID")
        let customer = args.value("customer")
        var request = Contacts.UpdateRequest(
            contactId: id, etag: "", firstName: args.value("first-name"), lastName: args.value("last-name"),
            businessEmail: args.value("email"), businessPhone: args.value("phone"), jobTitle: args.value("job-title"),
            types: try types(&args, required: false))
        let etag = args.value("etag")
        try args.done()
        if let etag {
            request.etag = etag
        } else {
            guard let current = try await all(session, customer: customer).first(where: { $0.id == id }) else {
                throw RPCError(
                    code: .notFound,
                    message:
                        "contact \(id) is not among the \(customer.map { "contacts of \($0)" } ?? "partner's contacts"); pass --customer or --etag",
                    details: [["field": "contactId", "reason": "not found"]])
            }
            request.etag = current.etag
        }
        let contact = try await session.client.contacts.update(request, options: session.call)
        try session.emit(contact) { c in
            "updated contact \(c.id)"
                + (c.pendingEmail.map {
                    "\n\($0) applies once confirmed: partnerctl notifications --related \(c.id) --code"
                } ?? "")
                + "\n\n" + table([c])
        }
    }

    static func delete(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "ID", session.client.contacts.delete,
            request: { .init(contactId: $0) }, human: { "deleted contact \($0.id)" })
    }

    static func confirm(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "CODE", session.client.contacts.confirmEmail,
            request: { .init(token: $0) }, human: { "confirmed: contact \($0.id) now uses \($0.businessEmail)" })
    }
}

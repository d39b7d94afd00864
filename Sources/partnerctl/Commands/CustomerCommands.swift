import FramedRPC
import PartnerAPI
import ToolSupport

/// `customers ...`, `invite`, `invitations ...`.
enum CustomerCommands {
    static let all: [Command] = [
        Command(
            "customers create", "--org NAME --domain D --type DOMAIN|TEAM --admin-email E ...",
            summary: "create a domain or team customer",
            details: """
                OPTIONS
                  --org NAME                legal (organisation) name
                  --display-name NAME       friendly name (default: the legal name)
                  --domain DOMAIN           primary domain, e.g. example.com
                  --type DOMAIN|TEAM        customer type
                  --admin-email EMAIL       super admin (inside the domain for DOMAIN customers)
                  --alternate-email EMAIL   outside the primary domain; required for DOMAIN customers
                  --region CODE             ISO 3166-1 region of the address, e.g. IT
                  --postal-code CODE        postal code of the address
                  --locality CITY           city (optional)
                  --phone NUMBER            phone (optional)
                  --language TAG            BCP 47 language (default en)
                  --time-zone ZONE          IANA time zone (default Europe/Rome)
                  --education K12|UNIVERSITY  an education institution
                """, run: create),
        Command(
            "customers list", "[--text T] [--state S] [--type T] [--filter EXPR] [--order-by 'FIELD [desc]']",
            summary: "customers as a table (ID, DISPLAY NAME, DOMAIN, TYPE, STATE, CLOUD IDENTITY ID)", run: list),
        Command("customers get", "ID", summary: "one customer, with any admin console mismatch", run: get),
        Command(
            "customers rename", "ID NAME", summary: "change the friendly name; the legal name stays", run: rename),
        Command(
            "customers sync", "ID [--only primaryDomain|alternateEmail]",
            summary: "copy the admin console's domain / alternate email here, once", run: sync),
        Command("customers delete", "ID", summary: "delete a customer without live subscriptions", run: delete),
        Command(
            "customers check-domain", "DOMAIN", summary: "whether a domain is a customer here or upstream",
            run: checkDomain),
        Command(
            "invite", "--name N --email E --domain D --org O [--region R]",
            summary: "invite a customer by email (it stays INVITED until it accepts)", run: invite),
        Command(
            "invitations accept", "CODE", summary: "accept an invitation with its one-time code (no token needed)",
            run: accept),
        Command(
            "invitations resend", "CUSTOMER_ID", summary: "send a new code; the old one stops working", run: resend),
        Command("invitations revoke", "CUSTOMER_ID", summary: "withdraw the pending invitation", run: revoke),
    ]

    static let customerTypes = CustomerType.allCases.map(\.rawValue)

    static func create(_ args: inout CommandArguments, _ session: Session) async throws {
        let type = try args.choice("type", customerTypes).flatMap(CustomerType.init(rawValue:))
        let education = try args.choice("education", InstituteType.allCases.map(\.rawValue))
            .flatMap(InstituteType.init(rawValue:))
        let request = Customers.CreateRequest(
            organisationName: try args.required("org"), displayName: args.value("display-name"),
            primaryDomain: try args.required("domain"),
            customerType: try type ?? { throw CommandLineError("missing required option --type") }(),
            education: education.map { EducationData(instituteType: $0) },
            postalAddress: PostalAddress(
                regionCode: try args.required("region"), postalCode: try args.required("postal-code"),
                locality: args.value("locality")),
            primaryAdminEmail: try args.required("admin-email"), alternateEmail: args.value("alternate-email"),
            phoneNumber: args.value("phone"), languageCode: args.value("language") ?? "en",
            timeZone: args.value("time-zone") ?? "Europe/Rome")
        try args.done()
        let customer = try await session.client.customers.create(request, options: session.call)
        try session.emit(customer) { "created customer \($0.id)\n\n" + Format.customer($0) }
    }

    static func list(_ args: inout CommandArguments, _ session: Session) async throws {
        let text = args.value("text")
        let state = try args.choice("state", CustomerState.allCases.map(\.rawValue)).flatMap(
            CustomerState.init(rawValue:))
        let type = try args.choice("type", customerTypes).flatMap(CustomerType.init(rawValue:))
        let (filter, orderBy) = (args.value("filter"), args.value("order-by"))
        try args.done()
        let customers = try await Paging.all(session) { client, token, options throws(RPCError) in
            try await client.customers.list(
                .init(
                    pageSize: Paging.pageSize, pageToken: token, text: text, customerType: type, state: state,
                    filter: filter, orderBy: orderBy),
                options: options)
        }
        try session.emit(Page(items: customers)) { page in
            var table = TextTable(columns: ["ID", "DISPLAY NAME", "DOMAIN", "TYPE", "STATE", "CLOUD IDENTITY ID"])
            for c in page.items {
                table.add([
                    c.id, c.displayName, c.primaryDomain, c.customerType.rawValue, c.state.rawValue, c.cloudIdentityId,
                ])
            }
            let warnings = page.items.filter { $0.adminConsoleMismatch != nil }
                .map { "warning: \($0.id): \($0.adminConsoleMismatch?.warning ?? "")" }
            return ([table.render()] + (warnings.isEmpty ? [] : [""] + warnings)).joined(separator: "\n")
        }
    }

    static func get(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "ID", session.client.customers.get,
            request: { .init(customerId: $0) }, human: Format.customer)
    }

    static func rename(_ args: inout CommandArguments, _ session: Session) async throws {
        let id = try args.positional("ID")
        let name = try args.positional("NAME")
        try args.done()
        let current = try await session.client.customers.get(.init(customerId: id), options: session.call)
        let renamed = try await session.client.customers.update(
            .init(customerId: id, etag: current.etag, updateMask: ["displayName"], displayName: name),
            options: session.call)
        try session.emit(renamed) {
            "renamed \($0.id): display name '\($0.displayName)', legal name '\($0.organisationName)' unchanged"
        }
    }

    static func sync(_ args: inout CommandArguments, _ session: Session) async throws {
        let id = try args.positional("ID")
        let only = try args.choice("only", ["primaryDomain", "alternateEmail"])
        try args.done()
        let customer = try await session.client.customers.syncWithAdminConsole(
            .init(customerId: id, fields: only.map { [$0] }), options: session.call)
        try session.emit(customer) { "synced \($0.id) with its admin console\n\n" + Format.customer($0) }
    }

    static func delete(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "ID", session.client.customers.delete,
            request: { .init(customerId: $0) }, human: { "deleted customer \($0.id) (\($0.primaryDomain))" })
    }

    static func checkDomain(_ args: inout CommandArguments, _ session: Session) async throws {
        let domain = try args.positional("DOMAIN")
        try args.done()
        let answer = try await session.client.customers.checkDomain(.init(domain: domain), options: session.call)
        try session.emit(answer) {
            Format.block([
                ("domain", domain),
                ("customer here", $0.existing ? ($0.owned ? "yes, yours" : "yes, another partner's") : "no"),
                ("customer id", $0.customerId),
                ("admin console account", $0.upstreamAccount.map { $0 ? "yes" : "no" }),
            ])
        }
    }

    static func invite(_ args: inout CommandArguments, _ session: Session) async throws {
        let request = Invitations.SendRequest(
            name: try args.required("name"), email: try args.required("email"), domain: try args.required("domain"),
            organisationName: try args.required("org"), regionCode: args.value("region"))
        try args.done()
        let sent = try await session.client.invitations.send(request, options: session.call)
        try session.emit(sent) {
            """
            invited \($0.customer.id) (\($0.customer.organisationName), \($0.customer.primaryDomain)): \($0.customer.state.rawValue)
            invitation \($0.invitation.id) to \($0.invitation.email), valid until \($0.invitation.expireTime)
            the one-time code is in the outbox: partnerctl notifications --related \($0.customer.id)
            """
        }
    }

    static func accept(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "CODE", session.client.invitations.accept,
            request: { .init(token: $0) }, human: { "accepted: \($0.id) (\($0.displayName)) is \($0.state.rawValue)" })
    }

    static func resend(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "CUSTOMER_ID", session.client.invitations.resend,
            request: { .init(customerId: $0) },
            human: { "sent a new code for \($0.customerId) to \($0.email) (invitation \($0.id))" })
    }

    static func revoke(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "CUSTOMER_ID", session.client.invitations.revoke,
            request: { .init(customerId: $0) },
            human: { "revoked invitation \($0.id) of \($0.customerId): \($0.state)" })
    }
}

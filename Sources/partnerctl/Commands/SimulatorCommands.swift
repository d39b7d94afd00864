import PartnerAPI
import ToolSupport

/// `sim ...`: what a customer does in its own admin console, on the embedded simulator.
enum SimulatorCommands {
    static let all: [Command] = [
        Command(
            "sim change-domain", "CUSTOMER_ID DOMAIN",
            summary: "the customer changes its primary domain upstream (shows as a mismatch)", run: changeDomain),
        Command(
            "sim change-alternate-email", "CUSTOMER_ID EMAIL",
            summary: "the customer changes its alternate email upstream (shows as a mismatch)", run: changeEmail),
        Command("sim grant-access", "CUSTOMER_ID", summary: "the customer grants reseller access", run: grant),
        Command("sim revoke-access", "CUSTOMER_ID", summary: "the customer revokes reseller access", run: revoke),
        Command("sim verify-domain", "CUSTOMER_ID", summary: "a team customer verifies its domain", run: verify),
        Command(
            "sim register-account", "DOMAIN EDITION",
            summary: "an upstream account that exists before any customer (e.g. a Nonprofits edition)",
            run: register),
    ]

    static func show(_ account: UpstreamAccount) -> String {
        Format.block([
            ("domain", account.domain), ("edition", account.edition), ("customer", account.customerId),
            ("alternate email", account.alternateEmail), ("domain verified", account.domainVerified ? "yes" : "no"),
            ("reseller access", account.resellerAccess ? "granted" : "not granted"),
        ])
    }

    static func changeDomain(_ args: inout CommandArguments, _ session: Session) async throws {
        let id = try args.positional("CUSTOMER_ID")
        let domain = try args.positional("DOMAIN")
        try args.done()
        let account = try await session.client.adminConsoleSim.changeDomain(
            .init(customerId: id, domain: domain), options: session.call)
        try session.emit(account, human: show)
    }

    static func changeEmail(_ args: inout CommandArguments, _ session: Session) async throws {
        let id = try args.positional("CUSTOMER_ID")
        let email = try args.positional("EMAIL")
        try args.done()
        let account = try await session.client.adminConsoleSim.changeAlternateEmail(
            .init(customerId: id, alternateEmail: email), options: session.call)
        try session.emit(account, human: show)
    }

    static func grant(_ args: inout CommandArguments, _ session: Session) async throws {
        try await customerAction(&args, session, session.client.adminConsoleSim.grantResellerAccess)
    }

    static func revoke(_ args: inout CommandArguments, _ session: Session) async throws {
        try await customerAction(&args, session, session.client.adminConsoleSim.revokeResellerAccess)
    }

    static func verify(_ args: inout CommandArguments, _ session: Session) async throws {
        try await customerAction(&args, session, session.client.adminConsoleSim.verifyDomain)
    }

    static func register(_ args: inout CommandArguments, _ session: Session) async throws {
        let domain = try args.positional("DOMAIN")
        let edition = try args.positional("EDITION")
        try args.done()
        let account = try await session.client.adminConsoleSim.registerAccount(
            .init(domain: domain, edition: edition), options: session.call)
        try session.emit(account, human: show)
    }

    /// A simulator action that takes only the customer: reads CUSTOMER_ID, calls, prints the account.
    private static func customerAction(
        _ args: inout CommandArguments, _ session: Session, _ action: PartnerCall<CustomerRequest, UpstreamAccount>
    ) async throws {
        try await session.run(&args, with: "CUSTOMER_ID", action, request: { .init(customerId: $0) }, human: show)
    }
}

import FramedRPC
import PartnerAPI
import ToolSupport

/// `customers suspend` / `customers reactivate`.
enum CustomerLifecycleCommands {
    static let all: [Command] = [
        Command(
            "customers suspend", "ID [--etag ETAG] [--reason TEXT]",
            summary: "suspend a customer and its subscriptions (reason CUSTOMER_SUSPENDED)", run: suspend),
        Command(
            "customers reactivate", "ID [--etag ETAG] [--reason TEXT]",
            summary: "reactivate a suspended customer; subscriptions with no other reason resume", run: reactivate),
    ]

    static func request(_ args: inout CommandArguments) throws -> Customers.StateChangeRequest {
        guard let id = args.nextPositional() else { throw CommandLineError("give the customer id") }
        let request = Customers.StateChangeRequest(
            customerId: id, etag: args.value("etag"), reason: args.value("reason"))
        try args.done()
        return request
    }

    static func suspend(_ args: inout CommandArguments, _ session: Session) async throws {
        let customer = try await session.client.customers.suspend(try request(&args), options: session.call)
        try session.emit(customer) { "\($0.id) is \($0.state.rawValue)" }
    }

    static func reactivate(_ args: inout CommandArguments, _ session: Session) async throws {
        let customer = try await session.client.customers.reactivate(try request(&args), options: session.call)
        try session.emit(customer) { "\($0.id) is \($0.state.rawValue)" }
    }
}

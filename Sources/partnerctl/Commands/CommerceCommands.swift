import FramedRPC
import PartnerAPI
import ToolSupport

/// `catalog`, `orders ...`, `seats ...`, `subscriptions ...`.
enum CommerceCommands {
    static let all: [Command] = [
        Command(
            "catalog", "[--customer ID]", summary: "the products, or those a customer may buy", run: catalog),
        Command(
            "orders place", "--customer ID --sku SKU --seats N [--trial]",
            summary: "buy a SKU for a customer (creates its subscription; --trial: a 30-day unbilled trial)",
            run: place),
        Command("orders list", "[--customer ID]", summary: "orders placed", run: listOrders),
        Command("seats add", "SUBSCRIPTION_ID N", summary: "add N seats to a subscription", run: addSeats),
        Command(
            "seats subtract", "SUBSCRIPTION_ID N", summary: "remove N seats from a subscription", run: subtractSeats),
        Command("subscriptions list", "[--customer ID]", summary: "subscriptions as a table", run: listSubscriptions),
        Command("subscriptions get", "ID", summary: "one subscription", run: getSubscription),
        Command("subscriptions cancel", "ID [--reason TEXT]", summary: "cancel a subscription", run: cancel),
        Command("subscriptions suspend", "ID [--reason TEXT]", summary: "suspend a subscription", run: suspend),
        Command(
            "subscriptions activate", "ID [--reason TEXT]", summary: "reactivate a suspended subscription",
            run: activate),
    ]

    static func catalog(_ args: inout CommandArguments, _ session: Session) async throws {
        let customer = args.value("customer")
        try args.done()
        let products = try await session.client.catalog.listProducts(.init(customerId: customer), options: session.call)
        try session.emit(products) { response in
            var table = TextTable(columns: ["SKU", "NAME", "PLAN", "UNIT PRICE", "MAX SEATS", "FOR", "REQUIRES"])
            for p in response.items {
                table.add([
                    p.sku, p.name, p.plan.rawValue, Format.money(p.unitPrice), "\(p.maxSeats)",
                    p.customerTypes.map(\.rawValue).joined(separator: ",") + (p.educationOnly ? " (education)" : ""),
                    p.requiresSku ?? "-",
                ])
            }
            return table.render()
        }
    }

    static func place(_ args: inout CommandArguments, _ session: Session) async throws {
        let request = Orders.PlaceRequest(
            customerId: try args.required("customer"), sku: try args.required("sku"),
            seats: try args.integer("seats", default: 0, in: 1...1_000_000), trial: args.flag("trial") ? true : nil)
        try args.done()
        let placed = try await session.client.orders.place(request, options: session.call)
        try session.emit(placed) {
            "placed order \($0.order.id): \($0.order.seats) × \($0.order.sku) for \($0.order.customerId)\n\n"
                + Format.subscription($0.subscription)
        }
    }

    static func listOrders(_ args: inout CommandArguments, _ session: Session) async throws {
        let customer = args.value("customer")
        try args.done()
        let orders = try await Paging.all(session, Orders.methods.list, customer: customer)
        try session.emit(Page(items: orders)) { page in
            var table = TextTable(columns: ["ID", "CUSTOMER", "SKU", "SEATS", "SUBSCRIPTION", "TIME"])
            for o in page.items {
                table.add([o.id, o.customerId, o.sku, "\(o.seats)", o.subscriptionId, o.createTime])
            }
            return table.render()
        }
    }

    static func addSeats(_ args: inout CommandArguments, _ session: Session) async throws {
        try await changeSeats(&args, session, sign: 1)
    }

    static func subtractSeats(_ args: inout CommandArguments, _ session: Session) async throws {
        try await changeSeats(&args, session, sign: -1)
    }

    static func changeSeats(_ args: inout CommandArguments, _ session: Session, sign: Int) async throws {
        let id = try args.positional("SUBSCRIPTION_ID")
        let count = try args.positionalInteger("N", in: 1...1_000_000)
        let reason = args.value("reason")
        try args.done()
        let subscription = try await session.client.subscriptions.changeSeats(
            .init(subscriptionId: id, delta: sign * count, reason: reason), options: session.call)
        try session.emit(subscription) { "\($0.id) now has \($0.seats) seats (\($0.sku), \($0.state.rawValue))" }
    }

    static func listSubscriptions(_ args: inout CommandArguments, _ session: Session) async throws {
        let customer = args.value("customer")
        try args.done()
        let subscriptions = try await Paging.all(session, Subscriptions.methods.list, customer: customer)
        try session.emit(Page(items: subscriptions)) { Format.subscriptionTable($0.items) }
    }

    static func getSubscription(_ args: inout CommandArguments, _ session: Session) async throws {
        try await session.run(
            &args, with: "ID", session.client.subscriptions.get,
            request: { .init(subscriptionId: $0) }, human: Format.subscription)
    }

    static func cancel(_ args: inout CommandArguments, _ session: Session) async throws {
        let (id, reason) = try stateChange(&args)
        let subscription = try await session.client.subscriptions.cancel(
            .init(subscriptionId: id, reason: reason), options: session.call)
        try session.emit(subscription) { "\($0.id) is \($0.state.rawValue)" }
    }

    static func suspend(_ args: inout CommandArguments, _ session: Session) async throws {
        let (id, reason) = try stateChange(&args)
        let subscription = try await session.client.subscriptions.suspend(
            .init(subscriptionId: id, reason: reason), options: session.call)
        try session.emit(subscription) { "\($0.id) is \($0.state.rawValue)" }
    }

    static func activate(_ args: inout CommandArguments, _ session: Session) async throws {
        let (id, reason) = try stateChange(&args)
        let subscription = try await session.client.subscriptions.activate(
            .init(subscriptionId: id, reason: reason), options: session.call)
        try session.emit(subscription) { "\($0.id) is \($0.state.rawValue)" }
    }

    static func stateChange(_ args: inout CommandArguments) throws(CommandLineError) -> (String, String?) {
        let id = try args.positional("ID")
        let reason = args.value("reason")
        try args.done()
        return (id, reason)
    }
}

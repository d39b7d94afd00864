import FramedRPC
import FramedRPCTCP
import PartnerAPI

/// The customers and subscriptions the read and write scenarios use: created through the API
/// (`--seed-customers N`), or found on the target with `Customers.List` / `Subscriptions.List`.
struct BenchData: Sendable {
    /// Customer ids, in creation order.
    var customerIds: [String]
    /// One subscription per customer (when any could be bought or found).
    var subscriptionIds: [String]

    /// Seats each seeded subscription starts with: far from 0 and from the SKU's maximum, so
    /// alternating +1/-1 changes never hit a limit.
    static let initialSeats = 1000
    /// The SKU bought: DOMAIN customers, flexible plan, up to 50,000 seats.
    static let sku = "ws-enterprise-standard-flex"

    /// Creates `count` DOMAIN customers, each with one subscription, 32 at a time.
    /// - Throws: the first failed call.
    static func seed(count: Int, client: PartnerClient, runTag: String) async throws -> BenchData {
        let batch = 32
        var customers: [String] = []
        var subscriptions: [String] = []
        var next = 0
        while next < count {
            let range = next..<min(count, next + batch)
            let made = try await withThrowingTaskGroup(of: (Int, String, String).self) { group in
                for index in range {
                    group.addTask {
                        let domain = "bench-\(runTag)-\(index).com"
                        let customer = try await client.customers.create(
                            .init(
                                organisationName: "Bench Customer \(index) Handelsgesellschaft mbH",
                                primaryDomain: domain, customerType: .domain,
                                postalAddress: .init(
                                    regionCode: "DE", postalCode: "10115", administrativeArea: "Berlin",
                                    locality: "Berlin", addressLines: ["Invalidenstrasse \(index + 1)"],
                                    organizationName: "Bench Customer \(index)"),
                                primaryAdminEmail: "admin@\(domain)", alternateEmail: "it-\(index)@example.org",
                                phoneNumber: "+49 30 1234\(index % 10000)", languageCode: "de",
                                timeZone: "Europe/Berlin"),
                            options: .init(idempotencyKey: "seed-c-\(runTag)-\(index)"))
                        let placed = try await client.orders.place(
                            .init(customerId: customer.id, sku: sku, seats: initialSeats),
                            options: .init(idempotencyKey: "seed-o-\(runTag)-\(index)"))
                        return (index, customer.id, placed.subscription.id)
                    }
                }
                var made: [(Int, String, String)] = []
                for try await one in group { made.append(one) }
                return made.sorted { $0.0 < $1.0 }
            }
            customers += made.map(\.1)
            subscriptions += made.map(\.2)
            next = range.upperBound
        }
        return BenchData(customerIds: customers, subscriptionIds: subscriptions)
    }

    /// Lists up to `limit` existing customers and active subscriptions of the caller's partner.
    /// - Throws: the first failed call.
    static func discover(client: PartnerClient, limit: Int = 1_000_000) async throws -> BenchData {
        var customers: [String] = []
        var token: String?
        repeat {
            let page = try await client.customers.list(.init(pageSize: 200, pageToken: token))
            customers += page.items.map(\.id)
            token = page.nextPageToken
        } while token != nil && customers.count < limit
        var subscriptions: [String] = []
        token = nil
        repeat {
            let page = try await client.subscriptions.list(.init(pageSize: 200, pageToken: token))
            subscriptions += page.items.filter { $0.state == .active && $0.seats > 10 }.map(\.id)
            token = page.nextPageToken
        } while token != nil && subscriptions.count < limit
        return BenchData(customerIds: customers, subscriptionIds: subscriptions)
    }
}

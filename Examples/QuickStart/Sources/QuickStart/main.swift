// The README's client quick start, built and run by Examples/run.sh against a fresh server.
// Usage: QuickStart HOST:PORT[,HOST:PORT...] (the token in $PARTNER_TOKEN)
import Foundation
import PartnerAPI

let target = CommandLine.arguments.dropFirst().first ?? "127.0.0.1:7420"
guard let token = ProcessInfo.processInfo.environment["PARTNER_TOKEN"] else {
    fatalError("set PARTNER_TOKEN (e.g. to the contents of data/bootstrap-token)")
}

try await withPartnerClient(to: target, token: token) { client in
    // Create a customer. The idempotency key makes the call safe to send again: a retry after
    // a lost connection (or on another replica) gets the first answer, not a second customer.
    let domain = "acme-\(UInt32.random(in: 0...UInt32.max)).it"
    let request = Customers.CreateRequest(
        organisationName: "Acme Italia S.r.l.", primaryDomain: domain, customerType: .domain,
        postalAddress: PostalAddress(regionCode: "IT", postalCode: "20121", locality: "Milano"),
        primaryAdminEmail: "admin@\(domain)", alternateEmail: "it-backup@example.net",
        languageCode: "it", timeZone: "Europe/Rome")
    let key = "quickstart-create-\(domain)"
    let created = try await client.customers.create(request, options: .init(idempotencyKey: key))
    let replayed = try await client.customers.create(request, options: .init(idempotencyKey: key))
    precondition(replayed.id == created.id, "the replay with the same key must answer the same customer")
    print("created \(created.id) (\(created.primaryDomain)), replay answered the same id")

    // Get it, with a deadline: past 2 s the call ends with DEADLINE_EXCEEDED (and the server
    // stops working on it).
    let fetched = try await client.customers.get(.init(customerId: created.id), options: .init(timeout: .seconds(2)))
    print("got \(fetched.displayName), state \(fetched.state.rawValue), etag \(fetched.etag)")

    // List every customer, two per page.
    var customers: [Customer] = []
    var pageToken: String?
    repeat {
        let page = try await client.customers.list(.init(pageSize: 2, pageToken: pageToken))
        customers += page.items
        pageToken = page.nextPageToken
    } while pageToken != nil
    print("listed \(customers.count) customers")

    // Errors are typed: RPCError with a status code, a message and field details.
    do {
        _ = try await client.customers.get(.init(customerId: "cus_does_not_exist"))
        fatalError("a missing customer must be NOT_FOUND")
    } catch let error as RPCError where error.code == .notFound {
        print("as expected: \(error.code.name): \(error.message)")
    }

    // The event feed: a server stream, read until our customer's creation shows up.
    for try await event in client.events.watch(.init(afterSequence: 0)) {
        if event.resourceId == created.id {
            print("event \(event.sequence): \(event.type) \(event.resourceId)")
            break
        }
    }
}
print("quick start: OK")

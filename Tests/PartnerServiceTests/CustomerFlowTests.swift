import FramedRPC
import PartnerAPI
import Testing

/// The customer seed flows, end to end through the typed client.
@Suite("Customer flows")
struct CustomerFlowTests {
    @Test(
        "a domain customer is created active with no subscription status, then buys", arguments: TransportMode.allCases)
    func createDomainCustomerAndBuy(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            let created = try await client.customers.create(Fixtures.domainCustomer("acme-italia.it"))
            #expect(created.state == .active)
            #expect(created.customerType == .domain)
            #expect(created.displayName == created.organisationName)
            #expect(created.subscriptionStatus == nil, "empty until the first order")
            #expect(created.resellerAccess == false, "only the customer can grant access")
            #expect(!created.cloudIdentityId.isEmpty)
            #expect(created.adminConsoleMismatch == nil)

            let placed = try await client.orders.place(
                .init(customerId: created.id, sku: Fixtures.flexibleSku, seats: 10))
            #expect(placed.order.customerId == created.id)
            #expect(placed.order.subscriptionId == placed.subscription.id)
            #expect(placed.subscription.seats == 10)
            #expect(placed.subscription.state == .active)
            #expect(placed.subscription.plan == .flexible)

            let fetched = try await client.customers.get(.init(customerId: created.id))
            #expect(fetched.subscriptionStatus == "ACTIVE")
            let listed = try await client.subscriptions.list(.init(customerId: created.id))
            #expect(listed.items.map(\.id) == [placed.subscription.id])
            let orders = try await client.orders.list(.init(customerId: created.id))
            #expect(orders.items.map(\.id) == [placed.order.id])

            let again = await expectFailure(.alreadyExists, "the same SKU twice") {
                try await client.orders.place(.init(customerId: created.id, sku: Fixtures.flexibleSku, seats: 1))
            }
            #expect(again?.fields == ["sku"])
            let taken = await expectFailure(.alreadyExists, "a domain held by a customer") {
                try await client.customers.create(Fixtures.domainCustomer("acme-italia.it", organisation: "Other"))
            }
            #expect(taken?.fields == ["primaryDomain"])
        }
    }

    @Test(
        "an alternate email inside the primary domain is refused, naming the field", arguments: TransportMode.allCases)
    func alternateEmailOutsideDomain(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            let request = {
                var request = Fixtures.domainCustomer("rossi-srl.it")
                request.alternateEmail = "backup@rossi-srl.it"
                return request
            }()
            let error = await expectFailure(.invalidArgument) { try await client.customers.create(request) }
            #expect(error?.fields == ["alternateEmail"])
        }
    }

    @Test(
        "an upstream domain change shows as a mismatch until one sync copies it; a second sync has nothing to copy",
        arguments: TransportMode.allCases)
    func upstreamDomainChangeThenOneTimeSync(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            let customer = try await client.customers.create(Fixtures.domainCustomer("verdi-spa.it"))
            let account = try await client.adminConsoleSim.changeDomain(
                .init(customerId: customer.id, domain: "verdi-group.it"))
            #expect(account.domain == "verdi-group.it")

            let mismatched = try await client.customers.get(.init(customerId: customer.id))
            #expect(mismatched.primaryDomain == "verdi-spa.it", "upstream changes never flow back on their own")
            let mismatch = try #require(mismatched.adminConsoleMismatch)
            #expect(mismatch.fields == ["primaryDomain"])
            #expect(mismatch.upstreamPrimaryDomain == "verdi-group.it")
            #expect(!mismatch.warning.isEmpty)

            let synced = try await client.customers.syncWithAdminConsole(.init(customerId: customer.id))
            #expect(synced.primaryDomain == "verdi-group.it")
            #expect(synced.adminConsoleMismatch == nil)
            #expect(synced.organisationName == customer.organisationName)
            #expect(try await client.customers.get(.init(customerId: customer.id)).primaryDomain == "verdi-group.it")

            await expectFailure(.failedPrecondition, "a second sync") {
                try await client.customers.syncWithAdminConsole(.init(customerId: customer.id))
            }
        }
    }

    @Test("a changed alternate email upstream is synced only when asked", arguments: TransportMode.allCases)
    func upstreamAlternateEmailSync(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            let customer = try await client.customers.create(Fixtures.domainCustomer("bianchi.it"))
            _ = try await client.adminConsoleSim.changeAlternateEmail(
                .init(customerId: customer.id, alternateEmail: "new-backup@example.org"))
            let mismatched = try await client.customers.get(.init(customerId: customer.id))
            #expect(mismatched.adminConsoleMismatch?.fields == ["alternateEmail"])
            #expect(mismatched.alternateEmail == customer.alternateEmail)
            let synced = try await client.customers.syncWithAdminConsole(
                .init(customerId: customer.id, fields: ["alternateEmail"]))
            #expect(synced.alternateEmail == "new-backup@example.org")
            #expect(synced.adminConsoleMismatch == nil)
        }
    }

    @Test("a friendly rename changes the display name and keeps the legal name", arguments: TransportMode.allCases)
    func renameKeepsLegalName(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            let customer = try await client.customers.create(
                Fixtures.domainCustomer("neri.it", organisation: "Neri Costruzioni S.p.A."))
            let renamed = try await client.customers.update(
                .init(customerId: customer.id, etag: customer.etag, updateMask: ["displayName"], displayName: "Neri"))
            #expect(renamed.displayName == "Neri")
            #expect(renamed.organisationName == "Neri Costruzioni S.p.A.")
            #expect(renamed.etag != customer.etag)

            let company = try await client.companyProfiles.get(.init(customerId: customer.id))
            #expect(company.legalName == "Neri Costruzioni S.p.A.", "company details keep the original name")
            let billing = try await client.billingProfiles.get(.init(customerId: customer.id))
            #expect(billing.displayName == "Neri", "billing details show the friendly name")
            let listed = try await client.customers.list(.init(text: "neri"))
            #expect(listed.items.map(\.displayName) == ["Neri"])

            let stale = await expectFailure(.aborted, "a stale etag") {
                try await client.customers.update(
                    .init(customerId: customer.id, etag: customer.etag, updateMask: ["displayName"], displayName: "X"))
            }
            #expect(stale?.fields == ["etag"])
        }
    }
}

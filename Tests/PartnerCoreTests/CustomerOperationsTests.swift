import Testing

@testable import PartnerCore

@Suite("Customer operations")
struct CustomerOperationsTests {
    @Test("create is audited and emits customer.created")
    func createJournal() throws {
        let f = try CoreFixture()
        let customer = try f.createCustomer()
        let entry = try #require(try f.auditLog().last)
        #expect(entry.method == "Customers.Create" && entry.target == customer.id && entry.outcome == "OK")
        #expect(
            entry.agentId == f.a.agentId && entry.requestId == "req-a" && entry.roles == [.adminAgent, .salesAgent])
        #expect(entry.after?.contains("primaryDomain=example.com") == true)
        let event = try #require(try f.events().last)
        #expect(event.type == "customer.created" && event.resourceId == customer.id && event.customerId == customer.id)
    }

    @Test("checkDomain answers existing/owned and names only the caller's own customer")
    func checkDomain() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let b = f.b
        let customer = try f.createCustomer()
        let mine = try f.read { tx in try domain.customers.checkDomain("EXAMPLE.com", caller: a, in: tx) }
        #expect(mine == DomainAvailability(existing: true, owned: true, upstreamAccount: true, customerId: customer.id))
        let theirs = try f.read { tx in try domain.customers.checkDomain("example.com", caller: b, in: tx) }
        #expect(theirs == DomainAvailability(existing: true, owned: false, upstreamAccount: true, customerId: nil))
        let free = try f.read { tx in try domain.customers.checkDomain("free.example", caller: b, in: tx) }
        #expect(free == DomainAvailability(existing: false, owned: false, upstreamAccount: false, customerId: nil))
        expectRefusal(.invalidArgument, field: "domain") {
            try f.read { tx in try domain.customers.checkDomain("www.x.com", caller: a, in: tx) }
        }
    }

    @Test("list pages through customers with an opaque token and filters")
    func listPagingAndFilters() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        var made: [Customer] = []
        for i in 0..<7 {
            var input = CoreFixture.newCustomer("c\(i).example", type: i % 2 == 0 ? .domain : .team)
            if i == 3 { input.education = EducationData(instituteType: .university) }
            made.append(try f.createCustomer(input))
        }
        var seen: [String] = []
        var token: String? = nil
        repeat {
            let page = try f.read { tx in
                try domain.customers.list(page: PageRequest(pageSize: 3, pageToken: token), caller: a, in: tx)
            }
            #expect(page.items.count <= 3)
            seen += page.items.map(\.id)
            token = page.nextPageToken
        } while token != nil
        #expect(seen == made.map(\.id))
        let teams = try f.read { tx in
            try domain.customers.list(
                CustomerFilter(customerType: .team), page: PageRequest(pageSize: 2), caller: a, in: tx)
        }
        #expect(
            teams.items.count == 2 && teams.items.allSatisfy { $0.customerType == .team } && teams.nextPageToken != nil)
        let edu = try f.read { tx in
            try domain.customers.list(CustomerFilter(education: true), page: PageRequest(), caller: a, in: tx)
        }
        #expect(edu.items.map(\.id) == [made[3].id])
        let text = try f.read { tx in
            try domain.customers.list(CustomerFilter(text: "C5.EXAMPLE"), page: PageRequest(), caller: a, in: tx)
        }
        #expect(text.items.map(\.id) == [made[5].id])
        let invited = try f.read { tx in
            try domain.customers.list(CustomerFilter(state: .invited), page: PageRequest(), caller: a, in: tx)
        }
        #expect(invited.items.isEmpty)
    }

    @Test("page size must be 1...200 and tokens must be ours")
    func pagingLimits() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        for size in [0, 201] {
            expectRefusal(.invalidArgument, field: "pageSize") {
                try f.read { tx in try domain.customers.list(page: PageRequest(pageSize: size), caller: a, in: tx) }
            }
        }
        expectRefusal(.invalidArgument, field: "pageToken") {
            try f.read { tx in try domain.customers.list(page: PageRequest(pageToken: "garbage!"), caller: a, in: tx) }
        }
    }

    @Test("renameChangesOnlyFriendlyName: the legal name stays in the company profile")
    func renameChangesOnlyFriendlyName() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        let renamed = try f.write { tx in
            try domain.customers.update(
                CustomerUpdate(
                    customerId: customer.id, etag: customer.etag, updateMask: ["displayName"], displayName: "Example"),
                caller: a, in: tx)
        }
        #expect(renamed.displayName == "Example" && renamed.organisationName == "Example S.p.A.")
        let company = try f.read { tx in try domain.profiles.company(customerId: customer.id, caller: a, in: tx) }
        #expect(company.legalName == "Example S.p.A.")
        let billing = try f.read { tx in try domain.profiles.billing(customerId: customer.id, caller: a, in: tx) }
        #expect(billing.displayName == "Example")
        let entry = try #require(try f.auditLog().last)
        #expect(entry.before == "displayName=Example S.p.A." && entry.after == "displayName=Example")
    }

    @Test(
        "companyProfileReadOnly: masks naming company fields are refused",
        arguments: ["organisationName", "primaryDomain", "cloudIdentityId", "customerType", "nonsense"])
    func companyProfileReadOnly(field: String) throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        expectRefusal(.invalidArgument, field: "updateMask") {
            try f.write { tx in
                try domain.customers.update(
                    CustomerUpdate(customerId: customer.id, updateMask: [field]), caller: a, in: tx)
            }
        }
    }

    @Test("update with a stale etag is ABORTED; mask fields are re-validated")
    func updateEtagAndRules() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        let first = try f.write { tx in
            try domain.customers.update(
                CustomerUpdate(customerId: customer.id, etag: customer.etag, timeZone: "Europe/Stockholm"), caller: a,
                in: tx)
        }
        #expect(first.timeZone == "Europe/Stockholm" && first.etag == "v2")
        expectRefusal(.aborted, field: "etag") {
            try f.write { tx in
                try domain.customers.update(
                    CustomerUpdate(customerId: customer.id, etag: customer.etag, timeZone: "UTC"), caller: a, in: tx)
            }
        }
        expectRefusal(.invalidArgument, field: "alternateEmail") {
            try f.write { tx in
                try domain.customers.update(
                    CustomerUpdate(
                        customerId: customer.id, updateMask: ["alternateEmail"], alternateEmail: "x@example.com"),
                    caller: a, in: tx)
            }
        }
        expectRefusal(.invalidArgument, field: "alternateEmail") {
            try f.write { tx in
                try domain.customers.update(
                    CustomerUpdate(customerId: customer.id, updateMask: ["alternateEmail"]), caller: a, in: tx)
            }
        }
        expectRefusal(.invalidArgument, field: "updateMask") {
            try f.write { tx in try domain.customers.update(CustomerUpdate(customerId: customer.id), caller: a, in: tx)
            }
        }
    }

    @Test("adminConsoleMismatch shows upstream changes with the warning; they never flow back on their own")
    func adminConsoleMismatch() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        #expect(
            try f.read { tx in try domain.customers.get(customer.id, caller: a, in: tx) }.adminConsoleMismatch == nil)
        _ = try f.write { tx in
            try domain.adminConsoleSim.changeDomain(customerId: customer.id, domain: "example.it", caller: a, in: tx)
        }
        _ = try f.write { tx in
            try domain.adminConsoleSim.changeAlternateEmail(
                customerId: customer.id, alternateEmail: "new@gmail.com", caller: a, in: tx)
        }
        let shown = try f.read { tx in try domain.customers.get(customer.id, caller: a, in: tx) }
        #expect(shown.primaryDomain == "example.com" && shown.alternateEmail == "owner@gmail.com")
        let mismatch = try #require(shown.adminConsoleMismatch)
        #expect(mismatch.fields == [.primaryDomain, .alternateEmail])
        #expect(mismatch.upstreamPrimaryDomain == "example.it" && mismatch.upstreamAlternateEmail == "new@gmail.com")
        #expect(mismatch.warning == "this domain differs from the domain in the customer's admin console")
    }

    @Test("syncWithAdminConsole copies the chosen fields once, is audited, and is refused when nothing differs")
    func syncWithAdminConsole() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        expectRefusal(.failedPrecondition, field: "fields") {
            try f.write { tx in try domain.customers.syncWithAdminConsole(customer.id, caller: a, in: tx) }
        }
        _ = try f.write { tx in
            try domain.adminConsoleSim.changeDomain(customerId: customer.id, domain: "example.it", caller: a, in: tx)
        }
        _ = try f.write { tx in
            try domain.adminConsoleSim.changeAlternateEmail(
                customerId: customer.id, alternateEmail: "new@gmail.com", caller: a, in: tx)
        }
        let synced = try f.write { tx in
            try domain.customers.syncWithAdminConsole(customer.id, fields: [.alternateEmail], caller: a, in: tx)
        }
        #expect(synced.alternateEmail == "new@gmail.com" && synced.primaryDomain == "example.com")
        let afterAlt = try f.read { tx in try domain.customers.get(customer.id, caller: a, in: tx) }
        #expect(afterAlt.adminConsoleMismatch?.fields == [.primaryDomain])
        let domainSynced = try f.write { tx in
            try domain.customers.syncWithAdminConsole(customer.id, etag: afterAlt.etag, caller: a, in: tx)
        }
        #expect(domainSynced.primaryDomain == "example.it" && domainSynced.primaryAdminEmail == "admin@example.it")
        #expect(
            try f.read { tx in try domain.customers.get(customer.id, caller: a, in: tx) }.adminConsoleMismatch == nil)
        expectRefusal(.failedPrecondition, field: "fields") {
            try f.write { tx in try domain.customers.syncWithAdminConsole(customer.id, caller: a, in: tx) }
        }
        let syncs = try f.auditLog().filter { $0.method == "Customers.SyncWithAdminConsole" }
        #expect(syncs.count == 2)
        #expect(syncs.last?.after?.contains("primaryDomain=example.it") == true)
        // the old domain is free again, the new one is held
        _ = try f.createCustomer(CoreFixture.newCustomer("example.com"))
        expectRefusal(.alreadyExists, field: "primaryDomain") {
            try f.createCustomer(CoreFixture.newCustomer("example.it"))
        }
        expectRefusal(.permissionDenied, field: nil) {
            try f.write { tx in
                try domain.customers.syncWithAdminConsole(customer.id, caller: f.a([.salesAgent]), in: tx)
            }
        }
    }

    @Test("deleteNeedsNoLiveSubscriptions; once deleted the customer is NOT_FOUND and its domain free")
    func deleteNeedsNoLiveSubscriptions() throws {
        let f = try CoreFixture(liveSubscriptions: DomainLiveness(liveDomains: ["busy.example"]))
        let domain = f.domain
        let a = f.a
        let busy = try f.createCustomer(CoreFixture.newCustomer("busy.example"))
        expectRefusal(.failedPrecondition, field: "customerId") {
            try f.write { tx in try domain.customers.delete(busy.id, caller: a, in: tx) }
        }
        let idle = try f.createCustomer(CoreFixture.newCustomer("idle.example"))
        expectRefusal(.aborted, field: "etag") {
            try f.write { tx in try domain.customers.delete(idle.id, etag: "v9", caller: a, in: tx) }
        }
        let deleted = try f.write { tx in try domain.customers.delete(idle.id, etag: idle.etag, caller: a, in: tx) }
        #expect(deleted.state == .deleted)
        expectRefusal(.notFound, field: "customerId") {
            try f.read { tx in try domain.customers.get(idle.id, caller: a, in: tx) }
        }
        expectRefusal(.notFound, field: "customerId") {
            try f.write { tx in try domain.customers.delete(idle.id, caller: a, in: tx) }
        }
        #expect(
            try f.read { tx in try domain.customers.list(page: PageRequest(), caller: a, in: tx) }.items.map(\.id) == [
                busy.id
            ])
        let again = try f.createCustomer(CoreFixture.newCustomer("idle.example"))
        #expect(again.id != idle.id)
        expectRefusal(.permissionDenied, field: nil) {
            try f.write { tx in try domain.customers.delete(again.id, caller: f.a([.salesAgent]), in: tx) }
        }
    }
}

/// Live subscriptions decided by the customer's domain (ids differ per run).
private struct DomainLiveness: LiveSubscriptionChecking {
    let liveDomains: Set<String>
    func hasLiveSubscriptions(partnerId: String, customerId: String, in tx: any StoreReading) throws -> Bool {
        guard let customer = try tx.get(Customer.self, id: customerId) else { return false }
        return liveDomains.contains(customer.primaryDomain)
    }
}

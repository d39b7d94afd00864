import Testing

@testable import PartnerCore

/// Each seed rule about creating customers, tested by its name.
@Suite("Customer rules")
struct CustomerRulesTests {
    @Test("organisationNameRequired")
    func organisationNameRequired() throws {
        let f = try CoreFixture()
        var input = CoreFixture.newCustomer()
        input.organisationName = "  "
        expectRefusal(.invalidArgument, field: "organisationName") { try f.createCustomer(input) }
    }

    @Test("registeredDomainSyntax and wwwPrefixRefused at create")
    func registeredDomainSyntax() throws {
        let f = try CoreFixture()
        for bad in ["localhost", "www.example.com", "exa_mple.com"] {
            var input = CoreFixture.newCustomer()
            input.primaryDomain = bad
            expectRefusal(.invalidArgument, field: "primaryDomain") { try f.createCustomer(input) }
        }
    }

    @Test("domainsComparedCaseInsensitively: stored lower-case, a case variant is the same domain")
    func domainsComparedCaseInsensitively() throws {
        let f = try CoreFixture()
        var input = CoreFixture.newCustomer()
        input.primaryDomain = "Example.COM"
        let customer = try f.createCustomer(input)
        #expect(customer.primaryDomain == "example.com")
        var again = CoreFixture.newCustomer()
        again.primaryDomain = "EXAMPLE.com"
        expectRefusal(.alreadyExists, field: "primaryDomain") { try f.createCustomer(again) }
    }

    @Test("domainUniqueAmongDomainCustomers, across partners, without naming the holder")
    func domainUniqueAmongDomainCustomers() throws {
        let f = try CoreFixture()
        let held = try f.createCustomer()
        do {
            _ = try f.createCustomer(CoreFixture.newCustomer(), as: f.b)
            Issue.record("second partner took a held domain")
        } catch let error as DomainError {
            #expect(error.code == .alreadyExists && error.field == "primaryDomain")
            #expect(!error.message.contains(held.id))
        }
    }

    @Test("teamCustomersMayShareNameAndDomain, told apart by Cloud Identity id")
    func teamCustomersTellApartByCloudIdentityId() throws {
        let f = try CoreFixture()
        let one = try f.createCustomer(
            CoreFixture.newCustomer("team.example", type: .team, name: "Design Team", alternate: nil))
        let two = try f.createCustomer(
            CoreFixture.newCustomer("team.example", type: .team, name: "Design Team", alternate: nil))
        #expect(one.displayName == two.displayName)
        #expect(one.cloudIdentityId != two.cloudIdentityId)
        #expect(one.cloudIdentityId.hasPrefix("C0") && one.cloudIdentityId.count == 9)
        #expect(!one.domainVerified)
        let domain = f.domain
        let a = f.a
        let listed = try f.read { tx in
            try domain.customers.list(CustomerFilter(text: "design"), page: PageRequest(), caller: a, in: tx)
        }
        #expect(Set(listed.items.map(\.cloudIdentityId)) == [one.cloudIdentityId, two.cloudIdentityId])
    }

    @Test(
        "requireResellableEdition: Nonprofits and legacy free editions are refused",
        arguments: [UpstreamEdition.nonprofits, .legacyFree])
    func requireResellableEdition(edition: UpstreamEdition) throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        _ = try f.write { tx in
            try domain.adminConsoleSim.registerAccount(domain: "charity.org", edition: edition, caller: a, in: tx)
        }
        expectRefusal(.failedPrecondition, field: "primaryDomain") {
            try f.createCustomer(CoreFixture.newCustomer("charity.org"))
        }
    }

    @Test("an existing business account upstream is taken over by the new customer")
    func resellableUpstreamAccountIsLinked() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let account = try f.write { tx in
            try domain.adminConsoleSim.registerAccount(domain: "biz.example", edition: .business, caller: a, in: tx)
        }
        let customer = try f.createCustomer(CoreFixture.newCustomer("biz.example"))
        let linked = try f.read { tx in try domain.context.adminConsole.account(customerId: customer.id, in: tx) }
        #expect(linked?.id == account.id)
    }

    @Test("alternateEmailRequiredForDomainCustomers, optional for team customers")
    func alternateEmailRequiredForDomainCustomers() throws {
        let f = try CoreFixture()
        expectRefusal(.invalidArgument, field: "alternateEmail") {
            try f.createCustomer(CoreFixture.newCustomer("needs-alt.com", alternate: nil))
        }
        let team = try f.createCustomer(CoreFixture.newCustomer("team.example", type: .team, alternate: nil))
        #expect(team.alternateEmail == nil)
    }

    @Test(
        "alternateEmailOutsidePrimaryDomain: not the domain, not a subdomain",
        arguments: ["boss@example.com", "boss@EXAMPLE.com", "boss@mail.example.com"])
    func alternateEmailOutsidePrimaryDomain(alternate: String) throws {
        let f = try CoreFixture()
        expectRefusal(.invalidArgument, field: "alternateEmail") {
            try f.createCustomer(CoreFixture.newCustomer("example.com", alternate: alternate))
        }
        expectRefusal(.invalidArgument, field: "alternateEmail") {
            try f.createCustomer(CoreFixture.newCustomer("example.com", type: .team, alternate: alternate))
        }
    }

    @Test("an alternate email at a look-alike domain is outside the primary domain")
    func lookAlikeIsOutside() throws {
        let f = try CoreFixture()
        let customer = try f.createCustomer(CoreFixture.newCustomer("example.com", alternate: "boss@notexample.com"))
        #expect(customer.alternateEmail == "boss@notexample.com")
    }

    @Test("adminEmailInsidePrimaryDomain for domain customers only")
    func adminEmailInsidePrimaryDomain() throws {
        let f = try CoreFixture()
        var input = CoreFixture.newCustomer("example.com")
        input.primaryAdminEmail = "admin@elsewhere.com"
        expectRefusal(.invalidArgument, field: "primaryAdminEmail") { try f.createCustomer(input) }
        var team = CoreFixture.newCustomer("team.example", type: .team, alternate: nil)
        team.primaryAdminEmail = "lead@gmail.com"
        #expect(try f.createCustomer(team).primaryAdminEmail == "lead@gmail.com")
    }

    @Test("postalAddressRequired at create")
    func postalAddressRequired() throws {
        let f = try CoreFixture()
        var input = CoreFixture.newCustomer()
        input.postalAddress = nil
        expectRefusal(.invalidArgument, field: "postalAddress") { try f.createCustomer(input) }
        input.postalAddress = PostalAddress(regionCode: "ZZ", postalCode: "1")
        expectRefusal(.invalidArgument, field: "postalAddress.regionCode") { try f.createCustomer(input) }
    }

    @Test("settings are validated: language BCP 47, region ISO 3166-1, time zone IANA")
    func settingsValidated() throws {
        let f = try CoreFixture()
        var input = CoreFixture.newCustomer()
        input.languageCode = "it_IT"
        expectRefusal(.invalidArgument, field: "languageCode") { try f.createCustomer(input) }
        input = CoreFixture.newCustomer()
        input.regionCode = "XX"
        expectRefusal(.invalidArgument, field: "regionCode") { try f.createCustomer(input) }
        input = CoreFixture.newCustomer()
        input.timeZone = "Rome"
        expectRefusal(.invalidArgument, field: "timeZone") { try f.createCustomer(input) }
    }

    @Test("resellerAccessOffByDefault and subscriptionStatusEmptyUntilFirstOrder")
    func newCustomerDefaults() throws {
        let f = try CoreFixture()
        let customer = try f.createCustomer()
        #expect(!customer.resellerAccess)
        #expect(customer.subscriptionStatus == nil)
        #expect(customer.state == .active)
        #expect(customer.displayName == customer.organisationName)
        #expect(customer.regionCode == "IT")
        #expect(customer.etag == "v1")
    }

    @Test("ordersOnlyForActiveCustomers")
    func ordersOnlyForActiveCustomers() throws {
        let f = try CoreFixture()
        var customer = try f.createCustomer()
        try CustomerRules.requireActive(customer)
        for state in [CustomerState.invited, .suspended, .deleted] {
            customer.state = state
            expectRefusal(.failedPrecondition, field: "customerId") { try CustomerRules.requireActive(customer) }
        }
    }

    @Test("credentialsNotice goes to the primary and alternate emails")
    func credentialsNotice() throws {
        let f = try CoreFixture()
        let customer = try f.createCustomer()
        let notice = try #require(try f.outbox().first { $0.messageKind == .credentials })
        #expect(notice.recipients == ["admin@example.com", "owner@gmail.com"])
        #expect(notice.relatedIds == [customer.id])
        #expect(notice.text.contains("admin@example.com"))
    }
}

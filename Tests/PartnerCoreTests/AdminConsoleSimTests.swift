import Testing

@testable import PartnerCore

@Suite("Admin console simulator")
struct AdminConsoleSimTests {
    @Test("creating a customer creates its upstream account (BUSINESS, verified; team: ESSENTIALS, unverified)")
    func provisioning() throws {
        let f = try CoreFixture()
        let d = f.domain
        let customer = try f.createCustomer()
        let team = try f.createCustomer(CoreFixture.newCustomer("team.example", type: .team, alternate: nil))
        let (one, two) = try f.read { tx in
            (
                try d.context.adminConsole.account(customerId: customer.id, in: tx),
                try d.context.adminConsole.account(customerId: team.id, in: tx)
            )
        }
        #expect(
            one?.edition == .business && one?.domainVerified == true && one?.alternateEmail == "owner@gmail.com"
                && one?.resellerAccess == false)
        #expect(two?.edition == .essentials && two?.domainVerified == false)
    }

    @Test("resellerAccessOnlyByCustomer: granted and revoked from the admin console")
    func resellerAccessOnlyByCustomer() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        #expect(CustomerUpdate.Field(rawValue: "resellerAccess") == nil)
        expectRefusal(.invalidArgument, field: "updateMask") {
            try f.write { tx in
                try d.customers.update(
                    CustomerUpdate(customerId: customer.id, updateMask: ["resellerAccess"]), caller: a, in: tx)
            }
        }
        let granted = try f.write { tx in
            try d.adminConsoleSim.grantResellerAccess(customerId: customer.id, caller: a, in: tx)
        }
        #expect(granted.resellerAccess)
        #expect(try f.read { tx in try d.customers.get(customer.id, caller: a, in: tx) }.resellerAccess)
        _ = try f.write { tx in try d.adminConsoleSim.revokeResellerAccess(customerId: customer.id, caller: a, in: tx) }
        #expect(!(try f.read { tx in try d.customers.get(customer.id, caller: a, in: tx) }.resellerAccess))
    }

    @Test("verifyDomain marks a team customer's domain verified")
    func verifyDomain() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let team = try f.createCustomer(CoreFixture.newCustomer("team.example", type: .team, alternate: nil))
        let account = try f.write { tx in try d.adminConsoleSim.verifyDomain(customerId: team.id, caller: a, in: tx) }
        #expect(account.domainVerified)
        #expect(try f.read { tx in try d.customers.get(team.id, caller: a, in: tx) }.domainVerified)
    }

    @Test("upstream changes are validated and unique")
    func upstreamRules() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let one = try f.createCustomer()
        _ = try f.createCustomer(CoreFixture.newCustomer("taken.example"))
        expectRefusal(.alreadyExists, field: "domain") {
            try f.write { tx in
                try d.adminConsoleSim.changeDomain(customerId: one.id, domain: "taken.example", caller: a, in: tx)
            }
        }
        expectRefusal(.invalidArgument, field: "domain") {
            try f.write { tx in
                try d.adminConsoleSim.changeDomain(customerId: one.id, domain: "www.x.example", caller: a, in: tx)
            }
        }
        expectRefusal(.invalidArgument, field: "alternateEmail") {
            try f.write { tx in
                try d.adminConsoleSim.changeAlternateEmail(
                    customerId: one.id, alternateEmail: "x@example.com", caller: a, in: tx)
            }
        }
        expectRefusal(.alreadyExists, field: "domain") {
            try f.write { tx in
                try d.adminConsoleSim.registerAccount(domain: "taken.example", edition: .business, caller: a, in: tx)
            }
        }
        expectRefusal(.permissionDenied, field: nil) {
            try f.write { tx in
                try d.adminConsoleSim.registerAccount(
                    domain: "n.example", edition: .nonprofits, caller: f.a([.salesAgent]), in: tx)
            }
        }
    }

    @Test("a deleted customer's account is unlinked and can be taken over again")
    func releaseOnDelete() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        let account = try #require(
            try f.read { tx in try d.context.adminConsole.account(customerId: customer.id, in: tx) })
        _ = try f.write { tx in try d.customers.delete(customer.id, caller: a, in: tx) }
        #expect(try f.read { tx in try d.context.adminConsole.account(customerId: customer.id, in: tx) } == nil)
        let again = try f.createCustomer()
        #expect(try f.read { tx in try d.context.adminConsole.account(customerId: again.id, in: tx) }?.id == account.id)
    }
}

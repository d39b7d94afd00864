import Testing

@testable import PartnerCore

/// Upstream organisation rename in the admin console simulator (issue #13 capability).
@Suite("Upstream organisation rename")
struct UpstreamRenameTests {
    @Test(
        "upstreamRenameKeepsFriendlyName: a legal-name change upstream shows as a mismatch; a sync copies it to the legal name, never the friendly name"
    )
    func upstreamRenameKeepsFriendlyName() throws {
        let f = try CoreFixture()
        let d = f.domain
        let a = f.a
        let created = try f.createCustomer()
        let renamed = try f.write { tx in
            try d.customers.update(
                CustomerUpdate(customerId: created.id, updateMask: ["displayName"], displayName: "Example"), caller: a,
                in: tx)
        }
        let account = try f.write { tx in
            try d.adminConsoleSim.renameOrganisation(
                customerId: created.id, organisationName: "Example Holding S.p.A.", caller: a, in: tx)
        }
        #expect(account.organisationName == "Example Holding S.p.A.")
        let seen = try f.read { tx in try d.customers.get(created.id, caller: a, in: tx) }
        #expect(seen.organisationName == "Example S.p.A." && seen.displayName == "Example")
        #expect(seen.adminConsoleMismatch?.fields == [.organisationName])
        #expect(seen.adminConsoleMismatch?.upstreamOrganisationName == "Example Holding S.p.A.")
        let synced = try f.write { tx in
            try d.customers.syncWithAdminConsole(created.id, etag: renamed.etag, caller: a, in: tx)
        }
        #expect(synced.organisationName == "Example Holding S.p.A." && synced.displayName == "Example")
        let after = try f.read { tx in try d.customers.get(created.id, caller: a, in: tx) }
        #expect(after.adminConsoleMismatch == nil)
        expectRefusal(.invalidArgument, field: "organisationName") {
            try f.write { tx in
                try d.adminConsoleSim.renameOrganisation(
                    customerId: created.id, organisationName: " ", caller: a, in: tx)
            }
        }
    }
}

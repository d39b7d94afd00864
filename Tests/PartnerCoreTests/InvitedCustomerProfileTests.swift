import Testing

@testable import PartnerCore

/// A customer accepted from an invitation stays editable and shows what it lacks (issue #13,
/// defect 3).
@Suite("Invited customer profile")
struct InvitedCustomerProfileTests {
    /// Sends an invitation to an Italian domain, accepts it, and returns the ACTIVE customer.
    private func accepted(_ f: CoreFixture, invitation: NewInvitation? = nil) throws -> Customer {
        let domain = f.domain
        let a = f.a
        let input =
            invitation
            ?? NewInvitation(
                name: "Giulia Conti", email: "giulia@conti-legal.it", domain: "conti-legal.it",
                organisationName: "Studio Legale Conti")
        _ = try f.write { tx in try domain.invitations.send(input, caller: a, in: tx) }
        let token = try f.lastToken(.invitation)
        return try f.write { tx in try domain.invitations.accept(token: token, in: tx) }
    }

    private func update(_ f: CoreFixture, _ input: CustomerUpdate) throws -> Customer {
        let domain = f.domain
        let a = f.a
        return try f.write { tx in try domain.customers.update(input, caller: a, in: tx) }
    }

    @Test("invitedCustomerNotInvented: no region, language or time zone the invitation did not give")
    func invitedCustomerNotInvented() throws {
        let f = try CoreFixture()
        let customer = try accepted(f)
        #expect(customer.regionCode == nil && customer.languageCode == nil && customer.timeZone == nil)
        #expect(
            customer.missingProfileFields == [
                "postalAddress", "alternateEmail", "languageCode", "regionCode", "timeZone",
            ])
        let other = try accepted(
            f,
            invitation: NewInvitation(
                name: "Luca", email: "luca@rossi-srl.it", domain: "rossi-srl.it", organisationName: "Rossi S.r.l.",
                regionCode: "IT", languageCode: "it-IT", timeZone: "Europe/Rome"))
        #expect(other.regionCode == "IT" && other.languageCode == "it-IT" && other.timeZone == "Europe/Rome")
    }

    @Test("updateValidatesItsMask: an accepted customer without alternate email can be renamed and given a phone")
    func updateValidatesItsMask() throws {
        let f = try CoreFixture()
        let customer = try accepted(f)
        #expect(customer.state == .active && customer.alternateEmail == nil)
        let renamed = try update(
            f,
            CustomerUpdate(
                customerId: customer.id, etag: customer.etag, updateMask: ["displayName"], displayName: "Conti"))
        #expect(renamed.displayName == "Conti" && renamed.missingProfileFields.contains("alternateEmail"))
        let phoned = try update(
            f,
            CustomerUpdate(
                customerId: customer.id, etag: renamed.etag, updateMask: ["phoneNumber"], phoneNumber: "+39 02 1234 567"
            ))
        #expect(phoned.phoneNumber == "+39021234567")
        // The masked field itself is still held to its rules.
        expectRefusal(.invalidArgument, field: "alternateEmail") {
            try update(
                f,
                CustomerUpdate(
                    customerId: customer.id, etag: phoned.etag, updateMask: ["alternateEmail"],
                    alternateEmail: "backup@conti-legal.it"))
        }
        expectRefusal(.invalidArgument, field: "alternateEmail") {
            try update(f, CustomerUpdate(customerId: customer.id, etag: phoned.etag, updateMask: ["alternateEmail"]))
        }
        let completed = try update(
            f,
            CustomerUpdate(
                customerId: customer.id, etag: phoned.etag,
                updateMask: ["alternateEmail", "postalAddress", "languageCode", "regionCode", "timeZone"],
                postalAddress: PostalAddress(regionCode: "IT", postalCode: "20121"),
                alternateEmail: "backup@example.net", languageCode: "it", regionCode: "IT", timeZone: "Europe/Rome"))
        #expect(completed.missingProfileFields == [])
    }
}

import Testing

@testable import PartnerCore

@Suite("Company and billing profiles")
struct ProfileTests {
    @Test("the company profile shows legal name, domain and Cloud Identity id")
    func companyProfile() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        let company = try f.read { tx in try domain.profiles.company(customerId: customer.id, caller: a, in: tx) }
        #expect(
            company.legalName == "Example S.p.A." && company.primaryDomain == "example.com"
                && company.cloudIdentityId == customer.cloudIdentityId)
    }

    @Test("billingProfileOwnEtag: the billing profile updates with its own etag")
    func billingProfileOwnEtag() throws {
        let f = try CoreFixture()
        let domain = f.domain
        let a = f.a
        let customer = try f.createCustomer()
        let initial = try f.read { tx in try domain.profiles.billing(customerId: customer.id, caller: a, in: tx) }
        #expect(
            initial.billingAddress == customer.postalAddress && initial.billingContact == nil && initial.etag == "v1")
        let contact = BillingContact(name: "Giulia Conti", email: "billing@example.com", phoneNumber: "+39 02 1234 567")
        let updated = try f.write { tx in
            try domain.profiles.updateBilling(
                BillingProfileUpdate(customerId: customer.id, etag: initial.etag, billingContact: contact), caller: a,
                in: tx)
        }
        #expect(updated.billingContact?.phoneNumber == "+39021234567" && updated.etag == "v2")
        // the customer's own etag is untouched by billing changes, and vice versa
        #expect(try f.read { tx in try domain.customers.get(customer.id, caller: a, in: tx) }.etag == customer.etag)
        expectRefusal(.aborted, field: "etag") {
            try f.write { tx in
                try domain.profiles.updateBilling(
                    BillingProfileUpdate(customerId: customer.id, etag: "v1", billingContact: contact), caller: a,
                    in: tx)
            }
        }
        expectRefusal(.invalidArgument, field: "billingContact.email") {
            try f.write { tx in
                try domain.profiles.updateBilling(
                    BillingProfileUpdate(
                        customerId: customer.id, billingContact: BillingContact(name: "X", email: "bad")), caller: a,
                    in: tx)
            }
        }
        expectRefusal(.invalidArgument, field: "billingAddress.postalCode") {
            try f.write { tx in
                try domain.profiles.updateBilling(
                    BillingProfileUpdate(
                        customerId: customer.id, billingAddress: PostalAddress(regionCode: "IT", postalCode: "")),
                    caller: a, in: tx)
            }
        }
        #expect(try f.auditLog().last?.method == "BillingProfiles.Update")
    }
}

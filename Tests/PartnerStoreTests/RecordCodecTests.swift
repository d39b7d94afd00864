import Foundation
import PartnerCore
import PartnerStore
import Testing

/// `RecordCodec` is the one coding of stored bodies: every record type the product stores
/// comes back equal, old Foundation-written bodies and PostgreSQL's `jsonb` spelling still
/// read, and a body that does not fit fails as `.corrupt` naming the record.
@Suite("RecordCodec")
struct RecordCodecTests {
    static let time = Timestamp(millisecondsSinceEpoch: 1_790_000_000_123)
    static let later = Timestamp(millisecondsSinceEpoch: 1_792_592_000_456)
    static let caller = Caller(partnerId: "par_1", agentId: "agt_1", roles: [.salesAgent, .adminAgent])

    /// Encodes and decodes `record` three ways and expects it back each time: through the
    /// codec; from Foundation's pretty-printed, key-sorted output (the members reordered and
    /// spaced the way `jsonb` text is, `/` escaped as older bodies were); and by Foundation's
    /// decoder from the codec's body (a body written now still reads in an older binary).
    func expectRoundTrip<R: StoredRecord & Equatable>(_ record: R, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let body = try RecordCodec.encode(record)
        #expect(try RecordCodec.decode(R.self, id: record.id, from: body) == record, sourceLocation: sourceLocation)
        #expect(
            try RecordCodec.decode(R.self, id: record.id, from: String(decoding: body, as: UTF8.self)) == record,
            sourceLocation: sourceLocation)
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys]
        #expect(
            try RecordCodec.decode(R.self, id: record.id, from: Array(foundation.encode(record))) == record,
            sourceLocation: sourceLocation)
        #expect(try JSONDecoder().decode(R.self, from: Data(body)) == record, sourceLocation: sourceLocation)
    }

    @Test("every stored record type of the product round-trips, optionals set and unset")
    func everyRecordTypeRoundTrips() throws {
        let time = Self.time
        let later = Self.later
        let usd = CurrencyCode.usd
        var partner = Partner(id: "par_1", name: "Reseller \"One\" / Ünïcode 👩🏽‍💻", time: time)
        partner.websiteUrl = "https://example.com/a/b"
        try expectRoundTrip(partner)
        try expectRoundTrip(Partner(id: "par_2", name: "Bare", time: time))
        try expectRoundTrip(
            Agent(
                id: "agt_1", partnerId: "par_1", displayName: "Ada", email: "ada@example.com",
                roles: [.adminAgent, .salesAgent], time: time))
        try expectRoundTrip(
            ApiToken(
                id: "tok_1", partnerId: "par_1", agentId: "agt_1", label: "ci", secretHash: "ab12", createTime: time,
                expireTime: later))
        var customer = Customer(
            id: "cus_1", partnerId: "par_1", organisationName: "School", displayName: "School",
            primaryDomain: "school.example", customerType: .domain,
            education: EducationData(instituteType: .k12, websiteUrl: "https://school.example"),
            cloudIdentityId: "C012",
            postalAddress: PostalAddress(
                regionCode: "DE", postalCode: "10115", administrativeArea: "BE", locality: "Berlin",
                addressLines: ["Straße 1", "Hof 2"], organizationName: "School"),
            primaryAdminEmail: "admin@school.example", alternateEmail: "alt@example.com", phoneNumber: "+49 30 1",
            languageCode: "de", regionCode: "DE", timeZone: "Europe/Berlin", state: .active, time: time)
        customer.adminConsoleMismatch = AdminConsoleMismatch(
            fields: SyncField.allCases, upstreamPrimaryDomain: "other.example", upstreamAlternateEmail: nil,
            upstreamOrganisationName: "Other", warning: AdminConsoleMismatch.domainWarning)
        customer.subscriptionStatus = "ACTIVE"
        try expectRoundTrip(customer)
        let bare = Customer(
            id: "cus_2", partnerId: "par_1", organisationName: "Team", displayName: "Team", primaryDomain: "",
            customerType: .team, education: nil, cloudIdentityId: "C013", postalAddress: nil,
            primaryAdminEmail: "a@b.example", alternateEmail: nil, phoneNumber: nil, languageCode: nil, regionCode: nil,
            timeZone: nil, state: .invited, time: time)
        try expectRoundTrip(bare)
        var profile = BillingProfile(defaultFor: customer)
        profile.billingContact = BillingContact(name: "Billing", email: "billing@school.example", phoneNumber: "+1")
        try expectRoundTrip(profile)
        try expectRoundTrip(BillingProfile(defaultFor: bare))
        try expectRoundTrip(
            Contact(
                id: "con_1", partnerId: "par_1", customerId: "cus_1", userId: "usr_1", firstName: "Grace",
                lastName: "Hopper", businessEmail: "grace@school.example", businessPhone: "+1 555", jobTitle: "Admiral",
                types: Set(ContactType.allCases), time: time))
        try expectRoundTrip(
            User(
                id: "usr_1", partnerId: "par_1", customerId: nil, firstName: "Alan", lastName: "Turing",
                email: "alan@example.com", createTime: time))
        try expectRoundTrip(
            EmailChange(
                id: "emc_1", partnerId: "par_1", contactId: "con_1", newEmail: "new@example.com", tokenHash: "cd34",
                expireTime: later, createTime: time))
        var invitation = Invitation(
            id: "inv_1", partnerId: "par_1", customerId: "cus_1", name: "Guest", email: "guest@example.com",
            tokenHash: "ef56", expireTime: later, createTime: time)
        invitation.state = .accepted
        invitation.acceptTime = later
        try expectRoundTrip(invitation)
        try expectRoundTrip(
            UpstreamAccount(
                id: "ups_1", partnerId: "par_1", customerId: "cus_1", domain: "school.example", domainVerified: true,
                edition: .education, organisationName: "School", primaryAdminEmail: "admin@school.example",
                alternateEmail: nil, resellerAccess: true, time: time))

        let product = try #require(Catalog.standard.products.first { $0.plan == .annual })
        var order = Order(
            id: "ord_1", partnerId: "par_1", customerId: "cus_1", product: product, seats: 25,
            subscriptionId: "sub_1", agentId: "agt_1", time: time)
        order.unitPrice = Money(minorUnits: Int64.max, currency: usd)  // the largest amount a body may hold
        try expectRoundTrip(order)
        var subscription = Subscription(
            id: "sub_1", partnerId: "par_1", customerId: "cus_1", orderId: "ord_1", product: product, seats: 25,
            time: time)
        subscription.renewalSkuId = "other-sku"
        subscription.suspensionReasons = [.paymentOverdue, .resellerInitiated]
        subscription.cancelTime = later
        subscription.unitPrice = Money(minorUnits: Int64.min, currency: CurrencyCode.eur)
        try expectRoundTrip(subscription)
        let flexible = try #require(Catalog.standard.products.first { $0.plan == .flexible })
        try expectRoundTrip(
            Subscription(
                id: "sub_2", partnerId: "par_1", customerId: "cus_1", orderId: "ord_2", product: flexible, seats: 1,
                time: time, trial: true))
        var change = SubscriptionChange(
            id: "sch_sub_1_0000000002", partnerId: "par_1", subscriptionId: "sub_1", customerId: "cus_1",
            sequence: Int64.max, action: .planChanged, fromSeats: 1, toSeats: 2, stateBefore: .active,
            stateAfter: .active, caller: Self.caller, reason: "more", time: time)
        change.fromTerms = PlanTerms(subscription)
        try expectRoundTrip(change)
        try expectRoundTrip(
            SubscriptionChange(
                id: "sch_sub_1_0000000001", partnerId: "par_1", subscriptionId: "sub_1", customerId: "cus_1",
                sequence: 1, action: .created, fromSeats: nil, toSeats: 1, stateBefore: nil, stateAfter: .active,
                caller: Self.caller, reason: "", time: time))
        let month = try #require(BillingMonth(year: 2026, month: 11))
        let line = InvoiceLine(
            subscriptionId: "sub_1", skuId: product.skuId, description: "Seats, 1-30 Nov", plan: .annual,
            unitPrice: Money(minorUnits: 1_200, currency: usd), seatDays: 750, daysInMonth: 30, firstDay: month.start,
            lastDay: month.end, amount: Money(minorUnits: 30_000, currency: usd))
        try expectRoundTrip(
            try Invoice(
                id: "inv_2026_11_1", partnerId: "par_1", customerId: "cus_1", customerName: "School",
                number: try #require(InvoiceNumber(month: month, sequence: 123_456)), currency: usd,
                lines: [line, line], createTime: time))
        try expectRoundTrip(
            DomainEvent(
                partnerId: "par_1", sequence: 7, type: "subscription.seats_changed", resourceId: "sub_1",
                customerId: "cus_1", data: ["seats": "12", "quote": "a \"b\"\n/ é", "": "empty key"], time: time))
        try expectRoundTrip(
            AuditEntry(
                id: "aud_1", partnerId: "par_1", agentId: "agt_1", roles: Role.allCases, method: "Customers.Create",
                target: "cus_1", before: nil, after: "{\"nested\":\"json text\"}", time: time, requestId: nil,
                outcome: "OK"))
        try expectRoundTrip(
            OutboxMessage(
                id: "out_1", partnerId: "par_1", recipients: ["a@example.com", "b@example.com"], subject: "Hi",
                text: "line 1\r\nline 2\t\u{1}", messageKind: .emailVerification, relatedIds: [], createTime: time))
    }

    @Test("the page-token key, the one record that is not Equatable, round-trips")
    func pageTokenKeyRoundTrips() throws {
        let key = PageTokenKey()
        let back = try RecordCodec.decode(PageTokenKey.self, id: key.id, from: try RecordCodec.encode(key))
        #expect(back.id == key.id && back.partnerId == key.partnerId && back.keyHex == key.keyHex)
        #expect(back.bytes == key.bytes)
    }

    @Test("times stored as bare milliseconds, as early bodies held them, still read")
    func timestampAsMilliseconds() throws {
        let body =
            #"{"id":"usr_1","partnerId":"par_1","firstName":"A","lastName":"B","email":"a@b.example","#
            + #""contactTypes":[],"createTime":1790000000123,"unknownField":{"ignored":[1,2.5,null]}}"#
        let user = try RecordCodec.decode(User.self, id: "usr_1", from: body)
        #expect(user.createTime == Self.time)
        #expect(user.customerId == nil)
    }

    @Test(
        "a body that is not JSON, or not the asked type, is corrupt and names the record and what failed",
        arguments: [
            (#"{"id":"n1","partnerId":"p1","#, "not JSON"),
            (
                #"{"id":"n1","partnerId":"p1","agentId":"a","label":"l","secretHash":"h","createTime":"2026-13-45"}"#,
                "createTime"
            ),
            (#"{"id":"n1","partnerId":7}"#, "partnerId"),
            (#"["n1"]"#, "object"),
            ("", "not JSON"),
        ])
    func corruptBodies(body: String, detail: String) throws {
        let error = try #require(throws: StoreError.self) {
            try RecordCodec.decode(ApiToken.self, id: "n1", from: body)
        }
        #expect(error.code == .corrupt)
        #expect(error.message.contains("stored record api_token/n1"), "\(error.message)")
        #expect(error.message.contains("ApiToken"), "\(error.message)")
        #expect(error.message.contains(detail), "\(error.message)")
    }
}

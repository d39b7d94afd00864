import FramedJSON
import PartnerAPI
import Testing

/// The messages' JSON coding, which is their synthesized `Codable` conformance through FramedJSON's
/// stream encoder and value decoder: the exact bytes on the wire (members in declaration order,
/// absent optionals left out), the same values back in, and errors that name the field.
@Suite("PartnerAPI message coding")
struct MessageCodingTests {
    static let address = PostalAddress(
        regionCode: "IT", postalCode: "20121", administrativeArea: "MI", locality: "Milano",
        addressLines: ["Via \"Roma\" 1", "Scala B\\2\n", "tab\tbell\u{07}\u{1F}"], organizationName: "Acme S.r.l.")

    static let fullCustomer = Customer(
        id: "cus_1", organisationName: "Acme", displayName: "Acme Ünïcode ✓", primaryDomain: "acme.it",
        customerType: .domain, education: EducationData(instituteType: .k12, websiteUrl: "https://acme.it"),
        cloudIdentityId: "C0123", postalAddress: address, primaryAdminEmail: "admin@acme.it",
        alternateEmail: "alt@example.com", phoneNumber: "+39 02 1234", languageCode: "it-IT", regionCode: "IT",
        timeZone: "Europe/Rome", resellerAccess: true, domainVerified: false, state: .suspended,
        subscriptionStatus: "ACTIVE",
        adminConsoleMismatch: AdminConsoleMismatch(
            fields: ["primaryDomain"], upstreamPrimaryDomain: "acme.com", warning: "differs"),
        etag: "\"3\"", createTime: "2026-01-02T03:04:05Z", updateTime: "2026-01-02T03:04:06.123Z")

    static let bareCustomer = Customer(
        id: "cus_2", organisationName: "Team", displayName: "Team", primaryDomain: "team.example",
        customerType: .team, cloudIdentityId: "C0456", primaryAdminEmail: "me@team.example", languageCode: "en",
        regionCode: "US", timeZone: "UTC", resellerAccess: false, domainVerified: true, state: .invited,
        etag: "1", createTime: "2026-01-02T03:04:05Z", updateTime: "2026-01-02T03:04:05Z")

    static let subscription = Subscription(
        id: "sub_1", customerId: "cus_1", sku: "ws-business", family: "workspace", plan: .annual, seats: -3,
        committedSeats: 10, state: .active, termEndTime: "2027-01-01T00:00:00Z",
        history: [
            SubscriptionChange(time: "2026-01-01T00:00:00Z", agentId: "agt_1", action: "CREATE", toSeats: 10),
            SubscriptionChange(
                time: "2026-02-01T00:00:00Z", agentId: "agt_1", action: "SEATS", fromSeats: 10, toSeats: 12,
                reason: "grow"),
        ],
        etag: "2", createTime: "2026-01-01T00:00:00Z", updateTime: "2026-02-01T00:00:00Z")

    static let invoice = Invoice(
        id: "inv_1", number: "2026-0001", customerId: "cus_1", billingMonth: "2026-01",
        lines: [
            InvoiceLine(
                subscriptionId: "sub_1", sku: "ws-business", description: "Business", seatDays: 310,
                unitPrice: Money(currency: "EUR", minorUnits: 1_200),
                amount: Money(currency: "EUR", minorUnits: -9_223_372_036_854_775_807))
        ],
        subtotal: Money(currency: "EUR", minorUnits: 0), createTime: "2026-02-01T00:00:00Z")

    /// Asserts `value` reads back equal from what it writes, and, when given, that it writes
    /// exactly `expected`.
    static func check<T: JSONCodable & Equatable>(_ value: T, writes expected: String? = nil) throws {
        let written = value.jsonBytes()
        if let expected { #expect(String(decoding: written, as: UTF8.self) == expected) }
        #expect(try T(json: try JSONParser().parse(written), path: "") == value)
    }

    @Test("a customer with every field, and one with none of the optional ones, write exactly their wire form")
    func customers() throws {
        try Self.check(
            Self.fullCustomer,
            writes:
                #"{"id":"cus_1","organisationName":"Acme","displayName":"Acme Ünïcode ✓","primaryDomain":"acme.it","customerType":"DOMAIN","education":{"instituteType":"K12","websiteUrl":"https://acme.it"},"cloudIdentityId":"C0123","postalAddress":{"regionCode":"IT","postalCode":"20121","administrativeArea":"MI","locality":"Milano","addressLines":["Via \"Roma\" 1","Scala B\\2\n","tab\tbell\u0007\u001f"],"organizationName":"Acme S.r.l."},"primaryAdminEmail":"admin@acme.it","alternateEmail":"alt@example.com","phoneNumber":"+39 02 1234","languageCode":"it-IT","regionCode":"IT","timeZone":"Europe/Rome","resellerAccess":true,"domainVerified":false,"state":"SUSPENDED","subscriptionStatus":"ACTIVE","adminConsoleMismatch":{"fields":["primaryDomain"],"upstreamPrimaryDomain":"acme.com","warning":"differs"},"etag":"\"3\"","createTime":"2026-01-02T03:04:05Z","updateTime":"2026-01-02T03:04:06.123Z"}"#
        )
        try Self.check(
            Self.bareCustomer,
            writes:
                #"{"id":"cus_2","organisationName":"Team","displayName":"Team","primaryDomain":"team.example","customerType":"TEAM","cloudIdentityId":"C0456","primaryAdminEmail":"me@team.example","languageCode":"en","regionCode":"US","timeZone":"UTC","resellerAccess":false,"domainVerified":true,"state":"INVITED","etag":"1","createTime":"2026-01-02T03:04:05Z","updateTime":"2026-01-02T03:04:05Z"}"#
        )
        try Self.check(Self.address)
        try Self.check(PostalAddress(regionCode: "US", postalCode: "1"))
    }

    @Test(
        "a customer or subscription answered again is written from the memo: the same bytes, new ones once it changed")
    func memoizedAnswers() throws {
        var customer = Self.bareCustomer
        customer.id = "cus_memo"
        let first = customer.jsonBytes()
        #expect(customer.jsonBytes() == first)
        #expect(
            Page(items: [customer, customer]).jsonBytes() == Array(#"{"items":["#.utf8) + first + [UInt8(ascii: ",")]
                + first + Array("]}".utf8))
        customer.etag = "2"
        customer.displayName = "Renamed"
        let changed = String(decoding: customer.jsonBytes(), as: UTF8.self)
        #expect(changed.contains(#""displayName":"Renamed""#) && changed.contains(#""etag":"2""#))
        var subscription = Self.subscription
        subscription.id = "sub_memo"
        let written = subscription.jsonBytes()
        subscription.seats = 40
        #expect(subscription.jsonBytes() != written)
        #expect(try Subscription(json: try JSONParser().parse(subscription.jsonBytes()), path: "") == subscription)
    }

    @Test("pages, subscriptions with history, invoices with lines and nested results round-trip")
    func nested() throws {
        try Self.check(Page(items: [Self.fullCustomer, Self.bareCustomer], nextPageToken: "abc"))
        try Self.check(Page<Customer>(items: []))
        try Self.check(
            Self.subscription,
            writes:
                #"{"id":"sub_1","customerId":"cus_1","sku":"ws-business","family":"workspace","plan":"ANNUAL","seats":-3,"committedSeats":10,"state":"ACTIVE","termEndTime":"2027-01-01T00:00:00Z","history":[{"time":"2026-01-01T00:00:00Z","agentId":"agt_1","action":"CREATE","toSeats":10},{"time":"2026-02-01T00:00:00Z","agentId":"agt_1","action":"SEATS","fromSeats":10,"toSeats":12,"reason":"grow"}],"etag":"2","createTime":"2026-01-01T00:00:00Z","updateTime":"2026-02-01T00:00:00Z"}"#
        )
        try Self.check(
            Self.invoice,
            writes:
                #"{"id":"inv_1","number":"2026-0001","customerId":"cus_1","billingMonth":"2026-01","lines":[{"subscriptionId":"sub_1","sku":"ws-business","description":"Business","seatDays":310,"unitPrice":{"currency":"EUR","minorUnits":1200},"amount":{"currency":"EUR","minorUnits":-9223372036854775807}}],"subtotal":{"currency":"EUR","minorUnits":0},"createTime":"2026-02-01T00:00:00Z"}"#
        )
        try Self.check(
            Orders.PlaceResponse(
                order: Order(
                    id: "ord_1", customerId: "cus_1", sku: "s", seats: 1, subscriptionId: "sub_1", createTime: "t"),
                subscription: Self.subscription))
        try Self.check(
            Product(
                sku: "s", family: "f", name: "n", plan: .flexible, unitPrice: Money(currency: "EUR", minorUnits: 5),
                maxSeats: 300, customerTypes: [.domain, .team], educationOnly: false))
        try Self.check(
            Agent(
                id: "a", displayName: "d", email: "e", roles: [.salesAgent, .adminAgent], disabled: false, etag: "1",
                createTime: "t", updateTime: "t"))
        try Self.check(Event(id: "e", sequence: Int64.max, type: "customer.created", resourceId: "cus_1", time: "t"))
        try Self.check(Empty(), writes: "{}")
        try Self.check(Page<Customer>(items: []), writes: #"{"items":[]}"#)
    }

    @Test(
        "requests round-trip, and a wrong or missing field names the field",
        arguments: [
            (#"{"customerId":1}"#, "customerId", "must be a string, got integer"),
            (#"{}"#, "customerId", "is required"),
            (#"{"customerId":null}"#, "customerId", "is required"),
        ])
    func requestErrors(json: String, field: String, reason: String) throws {
        let parsed = try JSONParser().parse(Array(json.utf8))
        #expect(throws: JSONDecodingError(field: field, reason: reason)) {
            try Customers.GetRequest(json: parsed, path: "")
        }
        try Self.check(Customers.GetRequest(customerId: "cus_1"))
        try Self.check(Customers.ListRequest(pageSize: 50, state: .active, education: false))
        try Self.check(
            Customers.UpdateRequest(
                customerId: "c", etag: "1", updateMask: ["postalAddress"], postalAddress: Self.address))
    }

    @Test("a nested field error names its full path, and an unknown enum value names the allowed ones")
    func nestedErrors() throws {
        let missing = try JSONParser().parse(
            Array(#"{"customerId":"c","etag":"1","updateMask":[],"postalAddress":{"regionCode":"IT"}}"#.utf8))
        #expect(throws: JSONDecodingError(field: "postalAddress.postalCode", reason: "is required")) {
            try Customers.UpdateRequest(json: missing, path: "")
        }
        let badEnum = try JSONParser().parse(Array(#"{"state":"GONE"}"#.utf8))
        #expect(
            throws: JSONDecodingError(
                field: "state", reason: "must be one of INVITED, ACTIVE, SUSPENDED, DELETED, got GONE")
        ) {
            try Customers.ListRequest(json: badEnum, path: "")
        }
    }
}

import FramedJSON

/// What the domain cases share: one raw connection, calls with the suite's token whose results
/// are validated against the document, refusals checked for code, status and field, and the
/// seed data a flow needs (a domain customer, a subscription, an outbox code).
struct DomainSupport {
    let context: CaseContext
    let connection: RawConnection

    /// Opens a connection for `context`.
    init(_ context: CaseContext) throws {
        self.context = context
        connection = try context.connect()
    }

    /// The suite's token as `meta`.
    func admin() throws -> JSONObject { try context.authMeta() }

    /// Calls `method` and returns its result, validated against the method's result schema.
    @discardableResult
    func call(_ method: String, _ params: JSONObject = [:], meta: JSONObject? = nil) throws -> JSONValue {
        let response = try connection.call(method, params: .object(params), meta: try meta ?? admin())
        return try context.expectValidResult(response, of: method)
    }

    /// Calls `method`, which must fail with `code`/`status` and (when given) name `field`.
    @discardableResult
    func refused(
        _ method: String, _ params: JSONObject, code: Int64, status: String, field: String? = nil,
        meta: JSONObject? = nil
    ) throws -> JSONObject {
        let response = try connection.call(method, params: .object(params), meta: try meta ?? admin())
        // A rule on a param's value is -32602 (WIRE.md §3.4 step 14); `domain.errors.rule-violation-code`
        // holds the target to that code, so the flows here also accept 3 and go on to check the rest.
        var expected = code
        if code == -32602, response["error"]?["code"]?.intValue == 3 {
            context.note("answered code 3 where WIRE.md §3.4 asks -32602 (see domain.errors.rule-violation-code)")
            expected = 3
        }
        return try context.expectDocumentedError(response, of: method, code: expected, status: status, field: field)
    }

    /// Calls `method`, which must refuse `params` for a broken rule on one param: -32602
    /// INVALID_ARGUMENT naming `field` (WIRE.md §3.4 step 14).
    @discardableResult
    func invalidParam(_ method: String, _ params: JSONObject, field: String, meta: JSONObject? = nil) throws
        -> JSONObject
    {
        try refused(method, params, code: -32602, status: "INVALID_ARGUMENT", field: field, meta: meta)
    }

    /// A string member of a result, or a failure naming it.
    func string(_ value: JSONValue, _ key: String) throws -> String {
        guard let text = value[key]?.stringValue else {
            throw context.fail("the result has no string \(key): \(value)")
        }
        return text
    }

    // MARK: seed data

    /// A run-unique registered domain: `cf-<prefix><run><n>.example.it`.
    func domain(_ prefix: String) -> String { context.unique("cf-\(prefix)-") + ".it" }

    /// Params of a complete, valid domain customer for `domain` (admin inside, alternate outside).
    func domainCustomer(_ domain: String, organisation: String = "Conformance Italia S.r.l.") -> JSONObject {
        [
            "organisationName": .string(organisation), "primaryDomain": .string(domain), "customerType": "DOMAIN",
            "postalAddress": ["regionCode": "IT", "postalCode": "20121", "locality": "Milano"],
            "primaryAdminEmail": .string("admin@\(domain)"), "alternateEmail": "it-backup@example.net",
            "languageCode": "it", "timeZone": "Europe/Rome",
        ]
    }

    /// Creates a domain customer and returns it.
    func createCustomer(_ prefix: String = "cust", organisation: String = "Conformance Italia S.r.l.") throws
        -> JSONValue
    {
        try call("Customers.Create", domainCustomer(domain(prefix), organisation: organisation))
    }

    /// A FLEXIBLE SKU of the catalogue that a plain domain customer may buy, with no base.
    static let flexibleSku = "ws-business-standard-flex"

    /// Creates a customer and buys `seats` of `sku`; returns (customer, subscription).
    func customerWithSubscription(_ prefix: String, sku: String = flexibleSku, seats: Int64 = 5) throws
        -> (customer: JSONValue, subscription: JSONValue)
    {
        let customer = try createCustomer(prefix)
        let placed = try call(
            "Orders.Place",
            ["customerId": .string(try string(customer, "id")), "sku": .string(sku), "seats": .int(seats)])
        guard let subscription = placed["subscription"] else {
            throw context.fail("Orders.Place returned no subscription")
        }
        return (customer, subscription)
    }

    /// Creates a customer so that at least one event exists.
    func makeEvent() throws { _ = try createCustomer("event") }

    /// Every outbox message, oldest first (all pages).
    func outbox() throws -> [JSONValue] {
        var messages: [JSONValue] = []
        var params: JSONObject = ["pageSize": 200]
        for _ in 0..<1000 {
            let page = try call("Notifications.List", params)
            messages += page["items"]?.arrayValue ?? []
            guard let next = page["nextPageToken"]?.stringValue else { return messages }
            params["pageToken"] = .string(next)
        }
        throw context.fail("Notifications.List did not end within 1000 pages")
    }

    /// The one-time code in the newest outbox message of `kind` related to `id`.
    func oneTimeCode(kind: String, relatedTo id: String) throws -> String {
        let messages = try outbox().filter {
            $0["kind"]?.stringValue == kind && ($0["relatedIds"]?.arrayValue ?? []).contains(.string(id))
        }
        guard let message = messages.last, let text = message["text"]?.stringValue else {
            throw context.fail("no \(kind) message related to \(id) in the outbox")
        }
        guard let code = Self.code(in: text) else { throw context.fail("no one-time code in the message: \(text)") }
        return code
    }

    /// The first line of `text` that is a bare token (32+ URL-safe base64 characters).
    static func code(in text: String) -> String? {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return text.split(separator: "\n").map { $0.filter { !$0.isWhitespace } }
            .first { $0.count >= 32 && $0.allSatisfy(alphabet.contains) }
    }

    /// Sends an invitation for a fresh domain and returns (customer id, invitation, email).
    func invite(_ prefix: String) throws -> (customerId: String, invitation: JSONValue, email: String) {
        let domain = domain(prefix)
        let email = "owner@\(domain)"
        let sent = try call(
            "Invitations.Send",
            [
                "name": "Giulia Conti", "email": .string(email), "domain": .string(domain),
                "organisationName": "Studio Conti",
            ])
        guard let customer = sent["customer"], let invitation = sent["invitation"] else {
            throw context.fail("Invitations.Send returned no customer or invitation")
        }
        try context.expect(
            customer["state"] == "INVITED", "an invited customer is INVITED, got \(customer["state"] ?? .null)")
        return (try string(customer, "id"), invitation, email)
    }
}

extension DomainSupport {
    /// The bytes of standard base64 text (RFC 4648, padded), or `nil` when it is not base64.
    static func base64Decoded(_ text: String) -> [UInt8]? {
        guard SchemaFormats.isBase64(text) else { return nil }
        return bytes(ofBase64: text, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    }

    /// The bytes of base64url text (RFC 4648 §5, padding optional); characters outside the
    /// alphabet are skipped, so any text decodes to something to look into.
    static func base64URLDecoded(_ text: String) -> [UInt8] {
        bytes(ofBase64: text, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    }

    /// The bytes of base-64 text written in `alphabet` (its 64 characters in value order);
    /// characters outside it, padding among them, are skipped.
    private static func bytes(ofBase64 text: String, alphabet: String) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in alphabet.utf8.enumerated() {
            table[Int(character)] = UInt8(index)
        }
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.utf8 where table[Int(character)] != 0xFF {
            buffer = buffer << 6 | UInt32(table[Int(character)])
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return bytes
    }

    /// `123.45` for 12345 minor units (two minor digits, as every catalogue currency has).
    static func formatted(minorUnits: Int64) -> String {
        let cents = abs(minorUnits % 100)
        return "\(minorUnits / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

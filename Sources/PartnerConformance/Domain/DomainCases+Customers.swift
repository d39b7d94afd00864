import FramedJSON

extension DomainCases {
    /// Creating, checking, renaming and deleting customers.
    static var customers: [ConformanceCase] {
        [
            flow(
                "customers.created-active-with-defaults",
                "DESIGN (customers): a domain customer is created ACTIVE, its friendly name is its legal name, subscription status empty until the first order, reseller access off, a Cloud Identity id, no mismatch"
            ) { s in
                let customer = try s.createCustomer("defaults")
                try s.context.expect(
                    customer["state"] == "ACTIVE", "state is \(customer["state"] ?? .null), expected ACTIVE")
                try s.context.expect(customer["customerType"] == "DOMAIN", "customerType is not DOMAIN")
                try s.context.expect(
                    customer["displayName"] == customer["organisationName"], "displayName differs from organisationName"
                )
                try s.context.expect(
                    customer["subscriptionStatus"] == nil, "subscriptionStatus is set before any order")
                try s.context.expect(customer["resellerAccess"] == false, "reseller access is on by default")
                try s.context.expect(!(customer["cloudIdentityId"]?.stringValue ?? "").isEmpty, "no cloudIdentityId")
                try s.context.expect(customer["adminConsoleMismatch"] == nil, "a new customer shows a mismatch")
                let fetched = try s.call("Customers.Get", ["customerId": customer["id"]!])
                try s.context.expect(
                    SchemaValidator.equal(fetched, customer), "Customers.Get differs from the created customer")
            },
            flow(
                "customers.www-prefix-refused",
                "DESIGN (customers): the primary domain is a registered domain; a `www.` host is refused -32602 naming primaryDomain"
            ) { s in
                let params = s.domainCustomer("www." + s.domain("www"))
                try s.invalidParam(
                    "Customers.Create", params, field: "primaryDomain")
                try s.invalidParam(
                    "Customers.CheckDomain", ["domain": params["primaryDomain"]!], field: "domain")
            },
            flow(
                "customers.domain-syntax-checked",
                "DESIGN (customers): a syntactically invalid domain is refused -32602 naming primaryDomain"
            ) { s in
                for bad in ["not a domain", "-leading-hyphen.it", "nodot", "double..dot.it"] {
                    var params = s.domainCustomer(s.domain("syntax"))
                    params["primaryDomain"] = .string(bad)
                    try s.invalidParam(
                        "Customers.Create", params, field: "primaryDomain")
                }
            },
            flow(
                "customers.domain-unique",
                "DESIGN (customers): a domain is held by one customer only: a second create is 6 ALREADY_EXISTS naming primaryDomain"
            ) { s in
                let domain = s.domain("unique")
                try s.call("Customers.Create", s.domainCustomer(domain))
                try s.refused(
                    "Customers.Create", s.domainCustomer(domain, organisation: "Other S.p.A."), code: 6,
                    status: "ALREADY_EXISTS", field: "primaryDomain")
            },
            flow(
                "customers.domain-case-insensitive",
                "DESIGN (customers): domains compare case-insensitively: the same domain in capitals is 6 ALREADY_EXISTS"
            ) { s in
                let domain = s.domain("case")
                try s.call("Customers.Create", s.domainCustomer(domain))
                var params = s.domainCustomer(domain.uppercased(), organisation: "Upper S.p.A.")
                params["primaryAdminEmail"] = .string("admin@\(domain)")
                try s.refused("Customers.Create", params, code: 6, status: "ALREADY_EXISTS", field: "primaryDomain")
            },
            flow(
                "customers.alternate-email-outside-domain",
                "DESIGN (customers): the alternate email must not be in the primary domain: -32602 naming alternateEmail"
            ) { s in
                let domain = s.domain("alt")
                var params = s.domainCustomer(domain)
                params["alternateEmail"] = .string("backup@\(domain)")
                try s.invalidParam(
                    "Customers.Create", params, field: "alternateEmail")
            },
            flow(
                "customers.alternate-email-required-for-domain-customers",
                "DESIGN (customers): a domain customer needs an alternate email: -32602 naming alternateEmail"
            ) { s in
                var params = s.domainCustomer(s.domain("noalt"))
                params["alternateEmail"] = nil
                try s.invalidParam(
                    "Customers.Create", params, field: "alternateEmail")
            },
            flow(
                "customers.admin-email-inside-domain",
                "DESIGN (customers): a domain customer's primary admin email is inside its primary domain: -32602 naming primaryAdminEmail"
            ) { s in
                var params = s.domainCustomer(s.domain("admin"))
                params["primaryAdminEmail"] = "admin@elsewhere-example.it"
                try s.invalidParam(
                    "Customers.Create", params, field: "primaryAdminEmail")
            },
            flow(
                "customers.settings-validated",
                "DESIGN (customers): language is BCP 47, region ISO 3166, time zone IANA: each wrong one is -32602 naming it"
            ) { s in
                for (field, bad) in [
                    ("languageCode", "not a language!"), ("timeZone", "Mars/Olympus_Mons"), ("regionCode", "ZZ"),
                ] {
                    var params = s.domainCustomer(s.domain("settings"))
                    params[field] = .string(bad)
                    try s.invalidParam("Customers.Create", params, field: field)
                }
            },
            flow(
                "customers.check-domain-owned",
                "Customers.CheckDomain: a domain of the partner's customer is existing and owned with its id; an unused one is neither"
            ) { s in
                let customer = try s.createCustomer("check")
                let domain = try s.string(customer, "primaryDomain")
                let owned = try s.call("Customers.CheckDomain", ["domain": .string(domain)])
                try s.context.expect(owned["existing"] == true && owned["owned"] == true, "own domain: \(owned)")
                try s.context.expect(owned["customerId"] == customer["id"], "CheckDomain names another id: \(owned)")
                let free = try s.call("Customers.CheckDomain", ["domain": .string(s.domain("free"))])
                try s.context.expect(free["existing"] == false && free["owned"] == false, "unused domain: \(free)")
                try s.context.expect(free["customerId"] == nil, "an unused domain has a customer id: \(free)")
            },
            flow(
                "customers.nonprofit-edition-refused",
                "DESIGN (customers): a domain on a Nonprofits or legacy free edition upstream is 9 FAILED_PRECONDITION"
            ) { s in
                for edition in ["NONPROFITS", "LEGACY_FREE"] {
                    let domain = s.domain("edition")
                    try s.call(
                        "AdminConsoleSim.RegisterAccount", ["domain": .string(domain), "edition": .string(edition)])
                    let checked = try s.call("Customers.CheckDomain", ["domain": .string(domain)])
                    try s.context.expect(
                        checked["upstreamAccount"] == true, "CheckDomain does not see the upstream account")
                    try s.refused("Customers.Create", s.domainCustomer(domain), code: 9, status: "FAILED_PRECONDITION")
                }
            },
            flow(
                "customers.rename-keeps-legal-name",
                "DESIGN (customers): renaming changes only the friendly name; company details keep the legal name, billing shows the new one"
            ) { s in
                let customer = try s.createCustomer("rename", organisation: "Neri Costruzioni S.p.A.")
                let id = customer["id"]!
                let renamed = try s.call(
                    "Customers.Update",
                    ["customerId": id, "etag": customer["etag"]!, "updateMask": ["displayName"], "displayName": "Neri"])
                try s.context.expect(renamed["displayName"] == "Neri", "displayName not changed")
                try s.context.expect(
                    renamed["organisationName"] == "Neri Costruzioni S.p.A.", "organisationName changed")
                try s.context.expect(renamed["etag"] != customer["etag"], "the etag did not change on update")
                let company = try s.call("CompanyProfiles.Get", ["customerId": id])
                try s.context.expect(company["legalName"] == "Neri Costruzioni S.p.A.", "company legalName: \(company)")
                let billing = try s.call("BillingProfiles.Get", ["customerId": id])
                try s.context.expect(billing["displayName"] == "Neri", "billing displayName: \(billing)")
            },
            flow(
                "customers.billing-profile-updated",
                "DESIGN (Partner Center): agents update a customer's billing details with the current etag; a stale etag is 10 ABORTED naming etag"
            ) { s in
                let customer = try s.createCustomer("billing")
                let id = customer["id"]!
                let profile = try s.call("BillingProfiles.Get", ["customerId": id])
                let contact: JSONValue = ["name": "Ufficio Amministrazione", "email": "fatture@example.it"]
                let address: JSONValue = ["regionCode": "IT", "postalCode": "00184", "locality": "Roma"]
                let updated = try s.call(
                    "BillingProfiles.Update",
                    ["customerId": id, "etag": profile["etag"]!, "billingContact": contact, "billingAddress": address])
                try s.context.expect(
                    SchemaValidator.equal(updated["billingContact"] ?? .null, contact),
                    "billingContact not stored: \(updated)")
                try s.context.expect(updated["etag"] != profile["etag"], "the etag did not change")
                let fetched = try s.call("BillingProfiles.Get", ["customerId": id])
                try s.context.expect(
                    SchemaValidator.equal(fetched["billingAddress"] ?? .null, address),
                    "billingAddress not stored: \(fetched)")
                try s.refused(
                    "BillingProfiles.Update", ["customerId": id, "etag": profile["etag"]!, "billingContact": contact],
                    code: 10,
                    status: "ABORTED", field: "etag")
            },
            flow(
                "customers.stale-etag-aborted",
                "DESIGN (persistence), WIRE.md §5.2: an update with a stale etag is 10 ABORTED naming etag, and changes nothing"
            ) { s in
                let customer = try s.createCustomer("etag")
                let id = customer["id"]!
                let updated = try s.call(
                    "Customers.Update",
                    [
                        "customerId": id, "etag": customer["etag"]!, "updateMask": ["displayName"],
                        "displayName": "First",
                    ])
                try s.refused(
                    "Customers.Update",
                    [
                        "customerId": id, "etag": customer["etag"]!, "updateMask": ["displayName"],
                        "displayName": "Second",
                    ],
                    code: 10, status: "ABORTED", field: "etag")
                let fetched = try s.call("Customers.Get", ["customerId": id])
                try s.context.expect(
                    fetched["displayName"] == "First" && fetched["etag"] == updated["etag"],
                    "the stale update changed the customer")
            },
            flow(
                "customers.list-filters-by-text",
                "Customers.List: the text filter finds the customer by its name; pages carry at most pageSize items"
            ) { s in
                let marker = s.context.unique("Marker")
                let customer = try s.createCustomer("list", organisation: "\(marker) S.r.l.")
                let listed = try s.call("Customers.List", ["text": .string(marker)])
                let ids = listed["items"]?.arrayValue?.compactMap { $0["id"] } ?? []
                try s.context.expect(ids == [customer["id"]!], "text filter \(marker) listed \(ids)")
                let none = try s.call("Customers.List", ["text": .string(s.context.unique("nothing-matches-"))])
                try s.context.expect(none["items"]?.arrayValue?.isEmpty == true, "an unmatched text listed customers")
            },
            flow(
                "customers.list-pages",
                "Customers.List: pages of pageSize items linked by an opaque nextPageToken cover every match once; the last page has no token"
            ) { s in
                let marker = s.context.unique("Paged")
                var created: Set<JSONValue> = []
                for _ in 0..<5 { created.insert(try s.createCustomer("page", organisation: "\(marker) S.r.l.")["id"]!) }
                var seen: [JSONValue] = []
                var params: JSONObject = ["text": .string(marker), "pageSize": 2]
                for _ in 0..<10 {
                    let page = try s.call("Customers.List", params)
                    let items = page["items"]?.arrayValue ?? []
                    try s.context.expect(items.count <= 2, "a page of pageSize 2 has \(items.count) items")
                    seen += items.compactMap { $0["id"] }
                    guard let next = page["nextPageToken"]?.stringValue else { break }
                    params["pageToken"] = .string(next)
                }
                try s.context.expect(
                    seen.count == 5 && Set(seen) == created, "pages listed \(seen), expected the 5 created once each")
            },
            flow(
                "customers.list-filters-by-type",
                "Customers.List: the customerType filter lists only customers of that type"
            ) { s in
                let marker = s.context.unique("Typed")
                let domainCustomer = try s.createCustomer("typed", organisation: "\(marker) S.r.l.")
                var params = s.domainCustomer(s.domain("typedteam"), organisation: "\(marker) Team")
                params["customerType"] = "TEAM"
                params["alternateEmail"] = nil
                params["primaryAdminEmail"] = "owner@example.org"
                let team = try s.call("Customers.Create", params)
                let teams =
                    try s.call("Customers.List", ["text": .string(marker), "customerType": "TEAM"])["items"]?.arrayValue
                    ?? []
                try s.context.expect(
                    teams.compactMap { $0["id"] } == [team["id"]!],
                    "TEAM filter listed \(teams.compactMap { $0["id"] })")
                let domains =
                    try s.call("Customers.List", ["text": .string(marker), "customerType": "DOMAIN"])["items"]?
                    .arrayValue ?? []
                try s.context.expect(
                    domains.compactMap { $0["id"] } == [domainCustomer["id"]!],
                    "DOMAIN filter listed \(domains.compactMap { $0["id"] })")
            },
            flow(
                "customers.team-customers-told-apart",
                "DESIGN (customers): team customers may share a name; their Cloud Identity ids differ"
            ) { s in
                var ids: [JSONValue] = []
                let name = s.context.unique("Team Same Name ")
                for _ in 0..<2 {
                    let domain = s.domain("team")
                    var params = s.domainCustomer(domain, organisation: name)
                    params["customerType"] = "TEAM"
                    params["alternateEmail"] = nil
                    params["primaryAdminEmail"] = "owner@example.org"
                    let team = try s.call("Customers.Create", params)
                    try s.context.expect(team["customerType"] == "TEAM", "customerType is not TEAM")
                    ids.append(team["cloudIdentityId"] ?? .null)
                }
                try s.context.expect(ids[0] != ids[1], "two team customers share cloudIdentityId \(ids[0])")
            },
            flow(
                "customers.delete-needs-no-live-subscriptions",
                "DESIGN: a customer with a live subscription cannot be deleted (9 FAILED_PRECONDITION); once cancelled it can, then it is NOT_FOUND"
            ) { s in
                let (customer, subscription) = try s.customerWithSubscription("delete")
                let id = customer["id"]!
                try s.refused("Customers.Delete", ["customerId": id], code: 9, status: "FAILED_PRECONDITION")
                try s.call("Subscriptions.Cancel", ["subscriptionId": subscription["id"]!])
                try s.call("Customers.Delete", ["customerId": id])
                try s.refused("Customers.Get", ["customerId": id], code: 5, status: "NOT_FOUND")
            },
            flow(
                "customers.unknown-id-not-found",
                "WIRE.md §5.2: an id that names nothing is 5 NOT_FOUND for every read of a customer"
            ) { s in
                let id = JSONValue.string(s.context.unique("cus_conformance_missing_"))
                for method in ["Customers.Get", "CompanyProfiles.Get", "BillingProfiles.Get"] {
                    try s.refused(method, ["customerId": id], code: 5, status: "NOT_FOUND")
                }
            },
        ]
    }

    /// The admin console simulator's upstream changes and the one-time sync.
    static var customerSync: [ConformanceCase] {
        [
            flow(
                "customers.upstream-domain-change-synced-once",
                "DESIGN (customers): an upstream domain change shows as a mismatch, never flows back on its own, is copied by one sync; a second sync is 9 FAILED_PRECONDITION"
            ) { s in
                let customer = try s.createCustomer("sync")
                let id = customer["id"]!
                let newDomain = s.domain("moved")
                let account = try s.call(
                    "AdminConsoleSim.ChangeDomain", ["customerId": id, "domain": .string(newDomain)])
                try s.context.expect(
                    account["domain"] == .string(newDomain), "the upstream account keeps its old domain")
                let mismatched = try s.call("Customers.Get", ["customerId": id])
                try s.context.expect(
                    mismatched["primaryDomain"] == customer["primaryDomain"],
                    "the upstream change flowed back on its own")
                let mismatch = mismatched["adminConsoleMismatch"]
                try s.context.expect(mismatch?["fields"] == ["primaryDomain"], "mismatch fields: \(mismatch ?? .null)")
                try s.context.expect(
                    mismatch?["upstreamPrimaryDomain"] == .string(newDomain), "mismatch domain: \(mismatch ?? .null)")
                let synced = try s.call("Customers.SyncWithAdminConsole", ["customerId": id])
                try s.context.expect(synced["primaryDomain"] == .string(newDomain), "sync did not copy the domain")
                try s.context.expect(synced["adminConsoleMismatch"] == nil, "the mismatch stays after sync")
                try s.context.expect(
                    synced["organisationName"] == customer["organisationName"], "sync changed the legal name")
                try s.refused(
                    "Customers.SyncWithAdminConsole", ["customerId": id], code: 9, status: "FAILED_PRECONDITION")
            },
            flow(
                "customers.upstream-alternate-email-synced-when-asked",
                "DESIGN (customers): a changed alternate email upstream shows as a mismatch and is copied only by a sync"
            ) { s in
                let customer = try s.createCustomer("altsync")
                let id = customer["id"]!
                let email = JSONValue.string(s.context.unique("new-backup-") + "@example.org")
                try s.call("AdminConsoleSim.ChangeAlternateEmail", ["customerId": id, "alternateEmail": email])
                let mismatched = try s.call("Customers.Get", ["customerId": id])
                try s.context.expect(
                    mismatched["adminConsoleMismatch"]?["fields"] == ["alternateEmail"], "mismatch: \(mismatched)")
                try s.context.expect(
                    mismatched["alternateEmail"] == customer["alternateEmail"], "the change flowed back on its own")
                let synced = try s.call(
                    "Customers.SyncWithAdminConsole", ["customerId": id, "fields": ["alternateEmail"]])
                try s.context.expect(synced["alternateEmail"] == email, "sync did not copy the alternate email")
                try s.context.expect(synced["adminConsoleMismatch"] == nil, "the mismatch stays after sync")
            },
            flow(
                "customers.reseller-access-only-by-customer",
                "DESIGN (customers): reseller access is off until the customer grants it in its own admin console"
            ) { s in
                let customer = try s.createCustomer("access")
                let id = customer["id"]!
                try s.context.expect(customer["resellerAccess"] == false, "reseller access on by default")
                let granted = try s.call("AdminConsoleSim.GrantResellerAccess", ["customerId": id])
                try s.context.expect(granted["resellerAccess"] == true, "the grant did not take upstream")
                try s.context.expect(
                    try s.call("Customers.Get", ["customerId": id])["resellerAccess"] == true,
                    "granted access not shown")
                try s.call("AdminConsoleSim.RevokeResellerAccess", ["customerId": id])
                try s.context.expect(
                    try s.call("Customers.Get", ["customerId": id])["resellerAccess"] == false,
                    "revoked access still shown")
            },
        ]
    }
}

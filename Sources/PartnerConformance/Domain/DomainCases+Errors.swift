import FramedJSON

extension DomainCases {
    /// Every List method's page token: bound to its query, opaque, refused when forged.
    static let listMethods = [
        "Agents.List", "Tokens.List", "Customers.List", "Users.List", "Contacts.List", "Orders.List",
        "Subscriptions.List", "Invoices.List", "Notifications.List", "Audit.List",
    ]

    /// Error paths each method documents (issue #13): reaching them here makes a status that
    /// the document omits fail the run (``DomainSupport/refused(_:_:code:status:field:meta:)``
    /// checks the answer against the method's documented errors).
    static var documentedErrors: [ConformanceCase] {
        [
            flow(
                "errors.page-token-bound-to-query",
                "Customers.List: a page token reused with other filters is -32602 INVALID_ARGUMENT naming pageToken, never a silently empty page; with the same filters and another page size it pages on"
            ) { s in
                let marker = s.context.unique("Pagerco")
                for _ in 0..<3 { _ = try s.createCustomer("pager", organisation: "\(marker) S.r.l.") }
                let first = try s.call("Customers.List", ["text": .string(marker), "pageSize": 1])
                guard let token = first["nextPageToken"]?.stringValue else {
                    throw s.context.fail("no nextPageToken after 1 of 3")
                }
                let firstId = first["items"]?.arrayValue?.first?["id"]?.stringValue ?? "cus_"
                let decoded = String(decoding: DomainSupport.base64URLDecoded(token), as: UTF8.self)
                try s.context.expect(
                    !decoded.contains("after:") && !decoded.contains(firstId), "the token shows its cursor: \(decoded)")
                try s.invalidParam(
                    "Customers.List", ["text": .string(marker + " other"), "pageSize": 1, "pageToken": .string(token)],
                    field: "pageToken")
                try s.invalidParam(
                    "Customers.List", ["text": .string(marker), "customerType": "TEAM", "pageToken": .string(token)],
                    field: "pageToken")
                let rest = try s.call(
                    "Customers.List", ["text": .string(marker), "pageSize": 10, "pageToken": .string(token)])
                try s.context.expect(
                    rest["items"]?.arrayValue?.count == 2, "the same query with pageSize 10 listed \(rest)")
            },
            flow(
                "errors.page-token-forged-on-every-list",
                "Every List method: a token it did not issue (the old base64 of after:<id>, or another method's token) is -32602 INVALID_ARGUMENT naming pageToken"
            ) { s in
                _ = try s.createCustomer("forged")
                _ = try s.createCustomer("forged")
                let forged = "YWZ0ZXI6Y3VzXzAw"  // base64url("after:cus_00")
                let other = try s.call("Customers.List", ["pageSize": 1])["nextPageToken"]?.stringValue
                for method in DomainCases.listMethods {
                    try s.invalidParam(
                        method, ["pageToken": .string(forged)], field: "pageToken")
                    if let other, method != "Customers.List" {
                        try s.invalidParam(
                            method, ["pageToken": .string(other)], field: "pageToken")
                    }
                }
            },
            flow(
                "errors.change-domain-already-exists",
                "AdminConsoleSim.ChangeDomain: a domain another admin console account holds is 6 ALREADY_EXISTS naming domain, as documented"
            ) { s in
                let first = try s.createCustomer("held")
                let second = try s.createCustomer("mover")
                try s.refused(
                    "AdminConsoleSim.ChangeDomain", ["customerId": second["id"]!, "domain": first["primaryDomain"]!],
                    code: 6, status: "ALREADY_EXISTS", field: "domain")
            },
            flow(
                "errors.delete-stale-etag-aborted",
                "Customers.Delete: a stale etag is 10 ABORTED naming etag, as documented; the customer stays"
            ) { s in
                let customer = try s.createCustomer("stale")
                let id = customer["id"]!
                try s.call(
                    "Customers.Update",
                    [
                        "customerId": id, "etag": customer["etag"]!, "updateMask": ["displayName"],
                        "displayName": "Renamed",
                    ])
                try s.refused(
                    "Customers.Delete", ["customerId": id, "etag": customer["etag"]!], code: 10, status: "ABORTED",
                    field: "etag")
                try s.call("Customers.Get", ["customerId": id])
            },
            flow(
                "errors.invitation-non-resellable-edition",
                "Invitations.Send: a domain whose admin console runs the Nonprofits edition is 9 FAILED_PRECONDITION, as documented"
            ) { s in
                let domain = s.domain("nonprofit")
                try s.call("AdminConsoleSim.RegisterAccount", ["domain": .string(domain), "edition": "NONPROFITS"])
                try s.refused(
                    "Invitations.Send",
                    [
                        "name": "N", "email": .string("n@\(domain)"), "domain": .string(domain),
                        "organisationName": "Charity",
                    ],
                    code: 9, status: "FAILED_PRECONDITION", field: "domain")
            },
            flow(
                "errors.renewal-settings-need-commitment",
                "Subscriptions.UpdateRenewalSettings: a flexible plan has no term to renew: 9 FAILED_PRECONDITION naming subscriptionId; an annual plan turns auto-renewal off and back on"
            ) { s in
                let (customer, flexible) = try s.customerWithSubscription("renewal")
                try s.refused(
                    "Subscriptions.UpdateRenewalSettings", ["subscriptionId": flexible["id"]!, "autoRenew": false],
                    code: 9, status: "FAILED_PRECONDITION", field: "subscriptionId")
                let annual = try s.call(
                    "Orders.Place", ["customerId": customer["id"]!, "sku": "ess-enterprise-plus-annual", "seats": 2])[
                        "subscription"]
                guard let annualId = annual?["id"] else { throw s.context.fail("no annual subscription") }
                try s.context.expect(
                    annual?["autoRenew"] == true, "a new annual plan does not auto-renew: \(annual ?? .null)")
                let off = try s.call(
                    "Subscriptions.UpdateRenewalSettings", ["subscriptionId": annualId, "autoRenew": false])
                try s.context.expect(off["autoRenew"] == false, "auto-renewal still on")
                try s.call("Subscriptions.UpdateRenewalSettings", ["subscriptionId": annualId, "autoRenew": true])
                try s.call("Subscriptions.Cancel", ["subscriptionId": annualId])
            },
            flow(
                "customers.suspend-and-reactivate",
                "Customers.Suspend suspends the customer and its subscriptions (CUSTOMER_SUSPENDED), which cannot buy and which Subscriptions.Activate cannot lift (9); Customers.Reactivate lifts it, but not a suspension the reseller set itself"
            ) { s in
                let (customer, subscription) = try s.customerWithSubscription("suspend")
                let customerId = customer["id"]!
                let suspended = try s.call(
                    "Customers.Suspend", ["customerId": customerId, "reason": "unpaid invoices"])
                try s.context.expect(suspended["state"] == "SUSPENDED", "customer is \(suspended["state"] ?? .null)")
                let held = try s.call("Subscriptions.Get", ["subscriptionId": subscription["id"]!])
                try s.context.expect(
                    held["state"] == "SUSPENDED" && held["suspensionReasons"] == ["CUSTOMER_SUSPENDED"],
                    "subscription: \(held)")
                try s.refused(
                    "Orders.Place", ["customerId": customerId, "sku": "gemini-business-flex", "seats": 1],
                    code: 9, status: "FAILED_PRECONDITION", field: "customerId")
                try s.refused(
                    "Subscriptions.Activate", ["subscriptionId": subscription["id"]!], code: 9,
                    status: "FAILED_PRECONDITION",
                    field: "subscriptionId")
                try s.refused(
                    "Customers.Suspend", ["customerId": customerId], code: 9, status: "FAILED_PRECONDITION",
                    field: "customerId")
                let active = try s.call("Customers.Reactivate", ["customerId": customerId])
                try s.context.expect(active["state"] == "ACTIVE", "customer is \(active["state"] ?? .null)")
                let resumed = try s.call("Subscriptions.Get", ["subscriptionId": subscription["id"]!])
                try s.context.expect(
                    resumed["state"] == "ACTIVE" && resumed["suspensionReasons"] == nil, "subscription: \(resumed)")
                try s.refused(
                    "Customers.Reactivate", ["customerId": customerId], code: 9, status: "FAILED_PRECONDITION",
                    field: "customerId")
            },
            flow(
                "customers.upstream-rename-keeps-friendly-name",
                "AdminConsoleSim.RenameOrganisation: a legal-name change upstream shows as adminConsoleMismatch organisationName; a sync copies it to organisationName and never to displayName"
            ) { s in
                let customer = try s.createCustomer("orgrename")
                let id = customer["id"]!
                let friendly = try s.call(
                    "Customers.Update",
                    [
                        "customerId": id, "etag": customer["etag"]!, "updateMask": ["displayName"],
                        "displayName": "Friendly",
                    ])
                try s.call(
                    "AdminConsoleSim.RenameOrganisation",
                    ["customerId": id, "organisationName": "Renamed Holding S.p.A."])
                let seen = try s.call("Customers.Get", ["customerId": id])
                try s.context.expect(
                    seen["adminConsoleMismatch"]?["fields"] == ["organisationName"],
                    "mismatch: \(seen["adminConsoleMismatch"] ?? .null)")
                try s.context.expect(
                    seen["organisationName"] == customer["organisationName"], "the legal name changed on its own")
                let synced = try s.call(
                    "Customers.SyncWithAdminConsole",
                    ["customerId": id, "etag": friendly["etag"]!, "fields": ["organisationName"]])
                try s.context.expect(
                    synced["organisationName"] == "Renamed Holding S.p.A.", "legal name not synced: \(synced)")
                try s.context.expect(
                    synced["displayName"] == "Friendly", "the friendly name followed the upstream rename")
            },
            flow(
                "customers.list-filter-expression",
                "Customers.List filter: AIP-160 style comparisons with NOT > AND > OR precedence and parentheses; orderBy orders; a syntax error is -32602 naming filter and the position"
            ) { s in
                let marker = s.context.unique("Filterco")
                for name in ["Zeta", "Alfa", "Mike"] {
                    _ = try s.createCustomer("filter", organisation: "\(marker) \(name)")
                }
                let picked = try s.call(
                    "Customers.List",
                    [
                        "filter": .string(
                            "organisationName : \"\(marker)\" AND (organisationName : zeta OR organisationName : alfa) AND NOT state = SUSPENDED"
                        ),
                        "orderBy": "organisationName desc",
                    ])
                let names = (picked["items"]?.arrayValue ?? []).compactMap { $0["organisationName"]?.stringValue }
                try s.context.expect(names == ["\(marker) Zeta", "\(marker) Alfa"], "filtered and ordered: \(names)")
                let refusal = try s.invalidParam(
                    "Customers.List", ["filter": "state = ACTIVE AND ("], field: "filter")
                try s.context.expect(
                    "\(refusal)".contains("position"), "the error does not point at a position: \(refusal)")
            },
            flow(
                "contacts.primary-needs-successor",
                "Contacts: the first contact of a type is its scope's primary; SetPrimary moves it; deleting a primary without a successor is 9 FAILED_PRECONDITION naming successorContactId"
            ) { s in
                let customerId = try s.createCustomer("primary")["id"]!
                func contact(_ name: String) throws -> JSONValue {
                    try s.call(
                        "Contacts.Create",
                        [
                            "customerId": customerId, "firstName": .string(name), "lastName": "Verdi",
                            "businessEmail": .string("\(name)@example.org"), "types": ["BILLING"],
                        ])
                }
                let first = try contact("primo")
                let second = try contact("secondo")
                try s.context.expect(
                    first["primaryFor"] == ["BILLING"] && second["primaryFor"] == nil, "primaries: \(first) \(second)")
                try s.refused(
                    "Contacts.Delete", ["contactId": first["id"]!], code: 9, status: "FAILED_PRECONDITION",
                    field: "successorContactId")
                let moved = try s.call("Contacts.SetPrimary", ["contactId": second["id"]!, "type": "BILLING"])
                try s.context.expect(moved["primaryFor"] == ["BILLING"], "SetPrimary: \(moved)")
                try s.call("Contacts.Delete", ["contactId": second["id"]!, "successorContactId": first["id"]!])
            },
            flow(
                "audit.window-bounded-newest-first",
                "Audit.List: newest first, filtered by customer and operation; a window longer than 90 days is -32602 naming startTime"
            ) { s in
                let customer = try s.createCustomer("auditq")
                let id = customer["id"]!
                try s.call(
                    "Customers.Update",
                    [
                        "customerId": id, "etag": customer["etag"]!, "updateMask": ["displayName"],
                        "displayName": "Audited",
                    ])
                let entries = try s.call("Audit.List", ["customerId": id])["items"]?.arrayValue ?? []
                let methods = entries.compactMap { $0["method"]?.stringValue }
                try s.context.expect(
                    methods.prefix(2) == ["Customers.Update", "Customers.Create"], "newest first: \(methods)")
                let updates =
                    try s.call("Audit.List", ["customerId": id, "operation": "Customers.Update"])["items"]?.arrayValue
                    ?? []
                try s.context.expect(updates.count == 1, "operation filter: \(updates.count) entries")
                try s.invalidParam(
                    "Audit.List", ["startTime": "2020-01-01T00:00:00Z", "endTime": "2020-06-01T00:00:00Z"],
                    field: "startTime")
            },
            flow(
                "customers.invited-customer-editable",
                "Customers.Update validates only its mask: an accepted invitation without alternate email is renamed; it shows missingProfileFields and no invented regionCode/languageCode/timeZone"
            ) { s in
                let (customerId, _, _) = try s.invite("editable")
                let accepted = try s.call(
                    "Invitations.Accept",
                    ["token": .string(try s.oneTimeCode(kind: "INVITATION", relatedTo: customerId))], meta: [:])
                for field in ["regionCode", "languageCode", "timeZone"] {
                    try s.context.expect(
                        accepted[field] == nil,
                        "the invitation gave no \(field), yet the customer has \(accepted[field] ?? .null)")
                }
                let missing = accepted["missingProfileFields"]?.arrayValue ?? []
                try s.context.expect(
                    missing.contains("alternateEmail"), "missingProfileFields \(missing) lacks alternateEmail")
                let renamed = try s.call(
                    "Customers.Update",
                    [
                        "customerId": .string(customerId), "etag": accepted["etag"]!, "updateMask": ["displayName"],
                        "displayName": "Conti",
                    ])
                try s.context.expect(renamed["displayName"] == "Conti", "not renamed")
            },
        ]
    }
}

import FramedJSON

extension DomainCases {
    /// Invited customers and their one-time codes.
    static var invitations: [ConformanceCase] {
        [
            flow(
                "invitations.invited-until-accepted",
                "DESIGN: an invited customer is INVITED with a PENDING invitation, is emailed a code, and cannot be sold to (9 FAILED_PRECONDITION) before accepting"
            ) { s in
                let (customerId, invitation, email) = try s.invite("invited")
                try s.context.expect(
                    invitation["customerId"] == .string(customerId), "the invitation names another customer")
                try s.context.expect(
                    invitation["state"] == "PENDING", "invitation state \(invitation["state"] ?? .null)")
                try s.refused(
                    "Orders.Place",
                    ["customerId": .string(customerId), "sku": .string(DomainSupport.flexibleSku), "seats": 5],
                    code: 9, status: "FAILED_PRECONDITION")
                let messages = try s.outbox().filter {
                    ($0["relatedIds"]?.arrayValue ?? []).contains(.string(customerId))
                }
                try s.context.expect(
                    messages.contains { $0["kind"] == "INVITATION" && $0["recipients"] == [.string(email)] },
                    "no INVITATION message to \(email) in the outbox")
            },
            flow(
                "invitations.single-use",
                "DESIGN: the emailed code accepts once, without an agent token, making the customer ACTIVE; the same code again is 9 FAILED_PRECONDITION"
            ) { s in
                let (customerId, _, _) = try s.invite("accept")
                let code = try s.oneTimeCode(kind: "INVITATION", relatedTo: customerId)
                let accepted = try s.call("Invitations.Accept", ["token": .string(code)], meta: [:])
                try s.context.expect(accepted["id"] == .string(customerId), "accepted another customer")
                try s.context.expect(
                    accepted["state"] == "ACTIVE", "accepted customer is \(accepted["state"] ?? .null)")
                try s.refused(
                    "Invitations.Accept", ["token": .string(code)], code: 9, status: "FAILED_PRECONDITION", meta: [:])
            },
            flow(
                "invitations.unknown-code-not-found",
                "Invitations.Accept: a code never issued is 5 NOT_FOUND"
            ) { s in
                try s.refused(
                    "Invitations.Accept", ["token": .string(String(repeating: "A", count: 43))], code: 5,
                    status: "NOT_FOUND", meta: [:])
            },
            flow(
                "invitations.accepted-customer-buys-and-manages-seats",
                "DESIGN: once accepted, the reseller buys, adds and subtracts seats and cancels on the customer's behalf"
            ) { s in
                let (customerId, _, _) = try s.invite("buyer")
                try s.call(
                    "Invitations.Accept",
                    ["token": .string(try s.oneTimeCode(kind: "INVITATION", relatedTo: customerId))], meta: [:])
                let placed = try s.call(
                    "Orders.Place",
                    ["customerId": .string(customerId), "sku": .string(DomainSupport.flexibleSku), "seats": 5])
                let id = placed["subscription"]?["id"] ?? .null
                try s.context.expect(
                    try s.call("Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": 3])["seats"] == 8, "add")
                try s.context.expect(
                    try s.call("Subscriptions.ChangeSeats", ["subscriptionId": id, "delta": -2])["seats"] == 6,
                    "subtract")
                try s.context.expect(
                    try s.call("Subscriptions.Cancel", ["subscriptionId": id])["state"] == "CANCELLED", "cancel")
            },
            flow(
                "invitations.resend-replaces-code",
                "Invitations.Resend: a new code replaces the old one; the old code is 9 FAILED_PRECONDITION"
            ) { s in
                let (customerId, _, _) = try s.invite("resend")
                let first = try s.oneTimeCode(kind: "INVITATION", relatedTo: customerId)
                try s.call("Invitations.Resend", ["customerId": .string(customerId)])
                let second = try s.oneTimeCode(kind: "INVITATION", relatedTo: customerId)
                try s.context.expect(first != second, "the resent invitation carries the same code")
                try s.refused(
                    "Invitations.Accept", ["token": .string(first)], code: 9, status: "FAILED_PRECONDITION", meta: [:])
                try s.call("Invitations.Accept", ["token": .string(second)], meta: [:])
            },
            flow(
                "invitations.revoked-code-refused",
                "Invitations.Revoke: a revoked invitation's code is 9 FAILED_PRECONDITION and the customer stays INVITED"
            ) { s in
                let (customerId, _, _) = try s.invite("revoke")
                let code = try s.oneTimeCode(kind: "INVITATION", relatedTo: customerId)
                let revoked = try s.call("Invitations.Revoke", ["customerId": .string(customerId)])
                try s.context.expect(
                    revoked["state"] == "REVOKED", "revoked invitation is \(revoked["state"] ?? .null)")
                try s.refused(
                    "Invitations.Accept", ["token": .string(code)], code: 9, status: "FAILED_PRECONDITION", meta: [:])
                let customer = try s.call("Customers.Get", ["customerId": .string(customerId)])
                try s.context.expect(
                    customer["state"] == "INVITED", "customer is \(customer["state"] ?? .null) after revoke")
            },
            flow(
                "invitations.domain-unique",
                "DESIGN: an invitation for a domain a customer holds is 6 ALREADY_EXISTS naming domain"
            ) { s in
                let customer = try s.createCustomer("invtaken")
                try s.refused(
                    "Invitations.Send",
                    [
                        "name": "Marco", "email": .string("marco@\(try s.string(customer, "primaryDomain"))"),
                        "domain": customer["primaryDomain"]!, "organisationName": "Fontana",
                    ],
                    code: 6, status: "ALREADY_EXISTS", field: "domain")
            },
        ]
    }

    /// Contacts, users, and verified email changes.
    static var contacts: [ConformanceCase] {
        [
            flow(
                "contacts.user-email-change-needs-verification",
                "DESIGN (contacts): a user-linked contact's new email waits as pendingEmail, a code goes to the new address, and applies once confirmed; the code is single-use"
            ) { s in
                let customer = try s.createCustomer("verify")
                let domain = try s.string(customer, "primaryDomain")
                let user = try s.call(
                    "Users.Create",
                    [
                        "customerId": customer["id"]!, "firstName": "Anna", "lastName": "Galli",
                        "email": .string("anna@\(domain)"),
                    ])
                let contact = try s.call(
                    "Contacts.Create",
                    ["customerId": customer["id"]!, "userId": user["id"]!, "types": ["BILLING", "TECHNICAL"]])
                try s.context.expect(
                    contact["businessEmail"] == .string("anna@\(domain)"), "the contact does not take the user's email")
                let newEmail = JSONValue.string(s.context.unique("anna-") + "@example.org")
                let requested = try s.call(
                    "Contacts.Update",
                    ["contactId": contact["id"]!, "etag": contact["etag"]!, "businessEmail": newEmail])
                try s.context.expect(
                    requested["businessEmail"] == contact["businessEmail"], "the email changed before verification")
                try s.context.expect(
                    requested["pendingEmail"] == newEmail, "pendingEmail is \(requested["pendingEmail"] ?? .null)")
                let contactId = try s.string(contact, "id")
                let messages = try s.outbox().filter {
                    ($0["relatedIds"]?.arrayValue ?? []).contains(.string(contactId))
                }
                try s.context.expect(
                    messages.last?["recipients"] == [newEmail], "the verification does not go to the new address")
                let code = try s.oneTimeCode(kind: "EMAIL_VERIFICATION", relatedTo: contactId)
                let confirmed = try s.call("Contacts.ConfirmEmail", ["token": .string(code)], meta: [:])
                try s.context.expect(
                    confirmed["businessEmail"] == newEmail && confirmed["pendingEmail"] == nil,
                    "not applied: \(confirmed)")
                try s.refused(
                    "Contacts.ConfirmEmail", ["token": .string(code)], code: 9, status: "FAILED_PRECONDITION", meta: [:]
                )
            },
            flow(
                "contacts.outside-person-email-changes-at-once",
                "DESIGN (contacts): an outside person's contact email changes at once, with no verification"
            ) { s in
                let customer = try s.createCustomer("outside")
                let outside = try s.call(
                    "Contacts.Create",
                    [
                        "customerId": customer["id"]!, "firstName": "Luca", "lastName": "Moretti",
                        "businessEmail": "luca@example.org", "types": ["BUSINESS"],
                    ])
                let changed = try s.call(
                    "Contacts.Update",
                    ["contactId": outside["id"]!, "etag": outside["etag"]!, "businessEmail": "luca.m@example.org"])
                try s.context.expect(changed["businessEmail"] == "luca.m@example.org", "not changed at once")
                try s.context.expect(changed["pendingEmail"] == nil, "an outside contact has a pending email")
                let listed = try s.call("Contacts.List", ["customerId": customer["id"]!])["items"]?.arrayValue ?? []
                try s.context.expect(listed.contains { $0["id"] == outside["id"] }, "Contacts.List lacks the contact")
            },
            flow(
                "contacts.deleting-user-contact-keeps-user",
                "DESIGN (contacts): deleting a user-linked contact keeps the user and removes its contact types; the user may back a new contact, but only one at a time (6 ALREADY_EXISTS)"
            ) { s in
                let customer = try s.createCustomer("delcontact")
                let domain = try s.string(customer, "primaryDomain")
                let user = try s.call(
                    "Users.Create",
                    [
                        "customerId": customer["id"]!, "firstName": "Sara", "lastName": "Moretti",
                        "email": .string("sara@\(domain)"),
                    ])
                let linked = try s.call(
                    "Contacts.Create", ["customerId": customer["id"]!, "userId": user["id"]!, "types": ["BILLING"]])
                try s.call("Contacts.Delete", ["contactId": linked["id"]!])
                let users = try s.call("Users.List", ["customerId": customer["id"]!])["items"]?.arrayValue ?? []
                guard let kept = users.first(where: { $0["id"] == user["id"] }) else {
                    throw s.context.fail("the user was deleted with its contact")
                }
                try s.context.expect(
                    kept["contactTypes"] == [], "the user keeps contact types \(kept["contactTypes"] ?? .null)")
                try s.call(
                    "Contacts.Create", ["customerId": customer["id"]!, "userId": user["id"]!, "types": ["BILLING"]])
                try s.refused(
                    "Contacts.Create", ["customerId": customer["id"]!, "userId": user["id"]!, "types": ["TECHNICAL"]],
                    code: 6,
                    status: "ALREADY_EXISTS")
            },
            flow(
                "contacts.name-and-email-required",
                "DESIGN (contacts): an outside person needs first name, last name and business email: each missing one is -32602 naming it"
            ) { s in
                let customer = try s.createCustomer("contactreq")
                let full: JSONObject = [
                    "customerId": customer["id"]!, "firstName": "Luca", "lastName": "Moretti",
                    "businessEmail": "luca@example.org",
                    "types": ["BUSINESS"],
                ]
                for field in ["firstName", "lastName", "businessEmail"] {
                    var params = full
                    params[field] = nil
                    try s.invalidParam("Contacts.Create", params, field: field)
                }
                var untyped = full
                untyped["types"] = []
                try s.invalidParam("Contacts.Create", untyped, field: "types")
            },
            flow(
                "users.email-unique",
                "WIRE.md §5.2: an email already used by a user is 6 ALREADY_EXISTS naming email"
            ) { s in
                let customer = try s.createCustomer("useremail")
                let email = JSONValue.string("dup@\(try s.string(customer, "primaryDomain"))")
                try s.call(
                    "Users.Create", ["customerId": customer["id"]!, "firstName": "A", "lastName": "B", "email": email])
                try s.refused(
                    "Users.Create", ["customerId": customer["id"]!, "firstName": "C", "lastName": "D", "email": email],
                    code: 6,
                    status: "ALREADY_EXISTS", field: "email")
            },
        ]
    }
}

import FramedJSON

extension DomainCases {
    /// `meta.idempotencyKey` (WIRE.md §13).
    static var idempotency: [ConformanceCase] {
        [
            flow(
                "idempotency.replay-returns-first-answer",
                "WIRE.md §13: a mutating call repeated with the same key and params returns the recorded answer and runs once"
            ) { s in
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("create-"))
                let marker = s.context.unique("Idem")
                let params = s.domainCustomer(s.domain("idem"), organisation: "\(marker) S.r.l.")
                let first = try s.call("Customers.Create", params, meta: meta)
                let second = try s.call("Customers.Create", params, meta: meta)
                try s.context.expect(SchemaValidator.equal(first, second), "the replay differs from the first answer")
                // Member order does not matter to the comparison of params.
                let reordered = JSONObject(params.members.reversed())
                let third = try s.call("Customers.Create", reordered, meta: meta)
                try s.context.expect(SchemaValidator.equal(first, third), "a replay with reordered params differs")
                let listed = try s.call("Customers.List", ["text": .string(marker)])["items"]?.arrayValue ?? []
                try s.context.expect(listed.count == 1, "\(listed.count) customers made by one key")
            },
            flow(
                "idempotency.order-replayed-once",
                "WIRE.md §13: an order placed twice with one key is one order"
            ) { s in
                let customer = try s.createCustomer("idemorder")
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("order-"))
                let params: JSONObject = [
                    "customerId": customer["id"]!, "sku": .string(DomainSupport.flexibleSku), "seats": 2,
                ]
                let first = try s.call("Orders.Place", params, meta: meta)
                let second = try s.call("Orders.Place", params, meta: meta)
                try s.context.expect(SchemaValidator.equal(first, second), "the replayed order differs")
                let orders = try s.call("Orders.List", ["customerId": customer["id"]!])["items"]?.arrayValue ?? []
                try s.context.expect(orders.count == 1, "\(orders.count) orders for one key")
            },
            flow(
                "idempotency.key-reused-with-other-params",
                "WIRE.md §13: the same key with other params is error.code 3 INVALID_ARGUMENT naming meta.idempotencyKey (not -32602)"
            ) { s in
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("reused-"))
                try s.call("Customers.Create", s.domainCustomer(s.domain("reuse")), meta: meta)
                let response = try s.connection.call(
                    "Customers.Create", params: .object(s.domainCustomer(s.domain("reuse2"))), meta: meta)
                try s.context.expectError(response, code: 3, status: "INVALID_ARGUMENT", field: "meta.idempotencyKey")
            },
            flow(
                "idempotency.key-reused-with-other-method",
                "WIRE.md §13: the same key on another method is error.code 3 INVALID_ARGUMENT naming meta.idempotencyKey"
            ) { s in
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("method-"))
                let customer = try s.call("Customers.Create", s.domainCustomer(s.domain("reusemethod")), meta: meta)
                let response = try s.connection.call(
                    "Orders.Place",
                    params: ["customerId": customer["id"]!, "sku": .string(DomainSupport.flexibleSku), "seats": 1],
                    meta: meta)
                try s.context.expectError(response, code: 3, status: "INVALID_ARGUMENT", field: "meta.idempotencyKey")
            },
            flow(
                "idempotency.failed-call-records-nothing",
                "WIRE.md §13: a call that committed nothing records nothing; the same key then runs a corrected call"
            ) { s in
                var meta = try s.admin()
                meta["idempotencyKey"] = .string(s.context.unique("retry-"))
                let domain = s.domain("fixed")
                var wrong = s.domainCustomer(domain)
                wrong["alternateEmail"] = .string("backup@\(domain)")
                try s.invalidParam(
                    "Customers.Create", wrong, field: "alternateEmail",
                    meta: meta)
                let created = try s.call("Customers.Create", s.domainCustomer(domain), meta: meta)
                try s.context.expect(created["primaryDomain"] == .string(domain), "the corrected call did not run")
            },
            flow(
                "idempotency.replay-on-tokenless-method",
                "WIRE.md §13: on Invitations.Accept (no token) a replay with the same key and code returns the recorded answer"
            ) { s in
                let (customerId, _, _) = try s.invite("idemaccept")
                let code = try s.oneTimeCode(kind: "INVITATION", relatedTo: customerId)
                let meta: JSONObject = ["idempotencyKey": .string(s.context.unique("accept-"))]
                let first = try s.call("Invitations.Accept", ["token": .string(code)], meta: meta)
                let second = try s.call("Invitations.Accept", ["token": .string(code)], meta: meta)
                try s.context.expect(SchemaValidator.equal(first, second), "the replayed accept differs")
            },
        ]
    }
}

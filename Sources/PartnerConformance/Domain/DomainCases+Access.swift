import FramedJSON

extension DomainCases {
    /// Agents, tokens, the partner profile and the event feed.
    static var access: [ConformanceCase] {
        [
            flow(
                "tokens.revoked-token-unauthenticated",
                "WIRE.md §12: a token issued by Tokens.Create works at once; once revoked it is 16 UNAUTHENTICATED"
            ) { s in
                let agent = try s.call(
                    "Agents.Create",
                    [
                        "displayName": "Revoked Agent", "email": .string(s.context.unique("revoked-") + "@example.org"),
                        "roles": ["salesAgent"],
                    ])
                let issued = try s.call("Tokens.Create", ["agentId": agent["id"]!, "label": "to revoke"])
                let meta: JSONObject = ["authorization": .string("Bearer " + (try s.string(issued, "secret")))]
                try s.call("Customers.List", ["pageSize": 1], meta: meta)
                let token = issued["token"] ?? .null
                let revoked = try s.call("Tokens.Revoke", ["tokenId": token["id"] ?? .null])
                try s.context.expect(
                    revoked["revoked"] == true, "Tokens.Revoke returned revoked \(revoked["revoked"] ?? .null)")
                try s.refused("Customers.List", ["pageSize": 1], code: 16, status: "UNAUTHENTICATED", meta: meta)
                let listed = try s.call("Tokens.List", ["agentId": agent["id"]!])["items"]?.arrayValue ?? []
                try s.context.expect(
                    listed.contains { $0["id"] == token["id"] && $0["revoked"] == true }, "Tokens.List: \(listed)")
                try s.context.expect(!listed.contains { $0["secret"] != nil }, "Tokens.List shows a secret")
            },
            flow(
                "tokens.ttl-sets-expire-time",
                "Tokens.Create: a token with ttlSeconds carries an expireTime after its createTime; the secret is shown once and never listed"
            ) { s in
                let agent = try s.call(
                    "Agents.Create",
                    [
                        "displayName": "Short Lived", "email": .string(s.context.unique("ttl-") + "@example.org"),
                        "roles": ["adminAgent"],
                    ])
                let issued = try s.call("Tokens.Create", ["agentId": agent["id"]!, "ttlSeconds": 3600])
                let token = issued["token"] ?? .null
                let created = try s.string(token, "createTime")
                guard let expires = token["expireTime"]?.stringValue else {
                    throw s.context.fail("no expireTime with ttlSeconds 3600")
                }
                try s.context.expect(expires > created, "expireTime \(expires) is not after createTime \(created)")
                try s.context.expect(token["revoked"] == false, "a new token is revoked")
                let meta: JSONObject = ["authorization": .string("Bearer " + (try s.string(issued, "secret")))]
                try s.call("Agents.List", ["pageSize": 1], meta: meta)
                try s.invalidParam(
                    "Tokens.Create", ["agentId": agent["id"]!, "ttlSeconds": 59], field: "ttlSeconds")
            },
            flow(
                "errors.rule-violation-code",
                "WIRE.md §3.4 step 14, §5.2: params breaking a rule on their values (not only the schema) are error.code -32602 INVALID_ARGUMENT naming the field; 3 is only for a misused idempotency key"
            ) { s in
                let params = s.domainCustomer("www." + s.domain("code"))
                let response = try s.connection.call("Customers.Create", params: .object(params), meta: try s.admin())
                try s.context.expectError(response, code: -32602, status: "INVALID_ARGUMENT", field: "primaryDomain")
                let month = try s.connection.call(
                    "Invoices.CloseBillingPeriod", params: ["billingMonth": "2026-13"], meta: try s.admin())
                try s.context.expectError(month, code: -32602, status: "INVALID_ARGUMENT", field: "billingMonth")
            },
            flow(
                "agents.email-unique",
                "WIRE.md §5.2: an agent email already used is 6 ALREADY_EXISTS naming email"
            ) { s in
                let email = JSONValue.string(s.context.unique("agent-") + "@example.org")
                try s.call("Agents.Create", ["displayName": "First", "email": email, "roles": ["salesAgent"]])
                try s.refused(
                    "Agents.Create", ["displayName": "Second", "email": email, "roles": ["adminAgent"]], code: 6,
                    status: "ALREADY_EXISTS", field: "email")
            },
            flow(
                "agents.roles-take-effect",
                "WIRE.md §12: an agent's roles decide what its token may call; changing them with Agents.Update changes the answer"
            ) { s in
                let agent = try s.call(
                    "Agents.Create",
                    [
                        "displayName": "Role Change", "email": .string(s.context.unique("roles-") + "@example.org"),
                        "roles": ["salesAgent"],
                    ])
                let issued = try s.call("Tokens.Create", ["agentId": agent["id"]!])
                let meta: JSONObject = ["authorization": .string("Bearer " + (try s.string(issued, "secret")))]
                try s.refused("Agents.List", [:], code: 7, status: "PERMISSION_DENIED", meta: meta)
                let updated = try s.call(
                    "Agents.Update",
                    ["agentId": agent["id"]!, "etag": agent["etag"]!, "roles": ["salesAgent", "adminAgent"]])
                try s.context.expect(updated["roles"]?.arrayValue?.count == 2, "roles not updated: \(updated)")
                try s.call("Agents.List", ["pageSize": 1], meta: meta)
            },
            flow(
                "agents.disabled-agent-refused",
                "WIRE.md §12: the token of a disabled agent is refused (UNAUTHENTICATED or PERMISSION_DENIED), never served"
            ) { s in
                let agent = try s.call(
                    "Agents.Create",
                    [
                        "displayName": "Disabled", "email": .string(s.context.unique("disabled-") + "@example.org"),
                        "roles": ["salesAgent"],
                    ])
                let issued = try s.call("Tokens.Create", ["agentId": agent["id"]!])
                let meta: JSONObject = ["authorization": .string("Bearer " + (try s.string(issued, "secret")))]
                try s.call("Customers.List", ["pageSize": 1], meta: meta)
                try s.call("Agents.Update", ["agentId": agent["id"]!, "etag": agent["etag"]!, "disabled": true])
                let response = try s.connection.call("Customers.List", params: ["pageSize": 1], meta: meta)
                let status = response["error"]?["data"]?["status"]?.stringValue
                try s.context.expect(
                    status == "UNAUTHENTICATED" || status == "PERMISSION_DENIED",
                    "a disabled agent's token got \(status ?? "a result")")
            },
            flow(
                "partners.profile-etag",
                "Partners.UpdateProfile: an update with the current etag applies; the old etag then is 10 ABORTED naming etag"
            ) { s in
                let profile = try s.call("Partners.GetProfile")
                let name = profile["name"] ?? "Conformance Partner"
                let updated = try s.call("Partners.UpdateProfile", ["etag": profile["etag"]!, "name": name])
                try s.refused(
                    "Partners.UpdateProfile", ["etag": profile["etag"]!, "name": name], code: 10, status: "ABORTED",
                    field: "etag")
                try s.context.expect(updated["name"] == name, "the name changed")
            },
            flow(
                "events.watch-sees-changes",
                "Events.Watch (WIRE.md §10): a customer's creation is streamed as an event naming it, each $/item valid against x-item"
            ) { s in
                let method = try s.context.method("Events.Watch")
                guard let itemSchema = method.itemSchema else { throw s.context.fail("Events.Watch has no x-item") }
                var meta = try s.admin()
                meta["streamWindow"] = 1000
                meta["timeoutMs"] = 30000
                let call = JSONValue.int(s.connection.nextID())
                try s.connection.writeFrame(
                    RawConnection.request(id: call, method: "Events.Watch", params: [:], meta: meta))
                // The change is made on another connection while this one watches.
                let customer = try DomainSupport(s.context).createCustomer("events")
                let id = customer["id"]!
                var lastSequence: Int64 = 0
                var received = 0
                while true {
                    let frame = try s.connection.readFrame()
                    if frame.isResponse(to: call) {
                        throw s.context.fail("the stream ended before the event of \(id): \(frame.text)")
                    }
                    guard frame.method == "$/item", frame.object?["params"]?["id"] == call,
                        let item = frame.object?["params"]?["item"]
                    else { continue }
                    try s.context.expectValid(item, against: itemSchema, "an Events.Watch item")
                    let sequence = item["sequence"]?.intValue ?? 0
                    try s.context.expect(sequence > lastSequence, "event sequence \(sequence) after \(lastSequence)")
                    lastSequence = sequence
                    if item["resourceId"] == id || item["customerId"] == id { break }
                    received += 1
                    if received % 500 == 0 {
                        try s.connection.writeFrame(
                            .object(["jsonrpc": "2.0", "method": "$/credit", "params": ["id": call, "items": 500]]))
                    }
                }
                try s.connection.writeFrame(.object(["jsonrpc": "2.0", "method": "$/cancel", "params": ["id": call]]))
                let end = try s.connection.readResponse(id: call)
                if end["error"] != nil { try s.context.expectError(end, code: 1, status: "CANCELLED") }
            },
        ]
    }
}

import FramedJSON

/// WIRE.md §6: batches, every edge case of its table.
enum BatchCases {
    static var all: [ConformanceCase] {
        [
            example, empty, overLimit, atLimit, invalidJSON, one, three, fooBoo, onlyNotifications, nested,
            streaming, duplicateID, concurrent, ownMeta, pingInBatch, cancelMember, cancelInBatch, oversizeResponse,
            overLimitNotifications, notificationAndInvalid, paramsArrayMember, creditMember, streamingBeforeDeadline,
        ]
    }

    static func request(_ id: JSONValue, _ method: String, _ params: JSONValue? = nil, meta: JSONObject? = nil)
        -> JSONValue
    {
        RawConnection.request(id: id, method: method, params: params, meta: meta)
    }

    /// The member of `responses` with `id`, failing unless there is exactly one.
    static func member(_ responses: [JSONObject], _ id: JSONValue, _ context: CaseContext) throws -> JSONObject {
        let matches = responses.filter { $0["id"] == id }
        try context.expect(
            matches.count == 1, "expected one response with id \(id) in the batch answer, got \(matches.count)")
        return matches[0]
    }

    static let example = ConformanceCase(
        "wire.batch.example-mixed",
        rule:
            "WIRE.md §6, §16.5: a request, a notification, an unknown method and 42 give an array of 3 responses (ids 5, 6, null)"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            #"[{"jsonrpc":"2.0","id":5,"method":"Health.Check"},{"jsonrpc":"2.0","method":"$/ping"},{"jsonrpc":"2.0","id":6,"method":"Nope.Nothing"},42]"#
        )
        let responses = try WireCheck.nextBatch(connection, context)
        try context.expect(responses.count == 3, "expected 3 responses, got \(responses.count)")
        let health = try context.expectResult(try member(responses, 5, context))
        try context.expect(health == ["status": "SERVING"], "expected SERVING, got \(health)")
        try context.expectError(try member(responses, 6, context), code: -32601, status: "UNIMPLEMENTED")
        try context.expectError(try member(responses, .null, context), code: -32600, status: "INVALID_ARGUMENT")
    }

    static let empty = ConformanceCase(
        "wire.batch.empty",
        rule: "WIRE.md §6, §16.5: [] is answered with one error object, not an array: -32600, id null"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame("[]")
        let response = try WireCheck.nextResponse(connection, context)
        try context.expectError(response, code: -32600, status: "INVALID_ARGUMENT")
        try context.expectID(response, .null)
        try connection.expectAlive()
    }

    static let overLimit = ConformanceCase(
        "wire.batch.over-limit",
        rule:
            "WIRE.md §6, §15: 101 members are one error object: 8 RESOURCE_EXHAUSTED, id null, naming 101 and 100; no member runs"
    ) { context in
        let connection = try context.connect()
        let members = (0..<101).map { request(.int(Int64($0)), "$/ping") }
        try connection.writeFrame(.array(members))
        let response = try WireCheck.nextResponse(connection, context)
        let error = try context.expectError(response, code: 8, status: "RESOURCE_EXHAUSTED")
        try context.expectID(response, .null)
        try context.expectMessage(error, contains: "101", "100")
        try WireCheck.expectNothing(connection, context)
    }

    static let atLimit = ConformanceCase(
        "wire.batch.at-limit",
        rule: "WIRE.md §6: a batch of maxBatch (100) members is answered with 100 responses"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(.array((0..<100).map { request(.int(Int64($0)), "$/ping") }))
        let responses = try WireCheck.nextBatch(connection, context)
        try context.expect(
            Set(responses.compactMap { $0["id"]?.intValue }) == Set(0..<100), "expected ids 0...99 answered once each")
        try context.expect(responses.count == 100, "expected 100 responses, got \(responses.count)")
    }

    static let invalidJSON = ConformanceCase(
        "wire.batch.invalid-json",
        rule: "WIRE.md §6: a batch that is not valid JSON is one error object: -32700, id null"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"[{"jsonrpc":"2.0","method":"a"},{"jsonrpc""#)
        try context.expectParseError(try WireCheck.nextResponse(connection, context))
        try connection.expectAlive()
    }

    static func invalidMembers(_ name: String, _ rule: String, _ json: String, count: Int) -> ConformanceCase {
        ConformanceCase("wire.batch.\(name)", rule: "WIRE.md §6: \(rule)") { context in
            let connection = try context.connect()
            try connection.writeFrame(json)
            let responses = try WireCheck.nextBatch(connection, context)
            try context.expect(responses.count == count, "expected \(count) responses, got \(responses.count)")
            for response in responses {
                try context.expectError(response, code: -32600, status: "INVALID_ARGUMENT")
                try context.expectID(response, .null)
            }
        }
    }

    static let one = invalidMembers("one-invalid", "[1] is an array with one -32600 error, id null", "[1]", count: 1)
    static let three = invalidMembers(
        "three-invalid", "[1,2,3] is an array with three -32600 errors, each id null", "[1,2,3]", count: 3)
    static let fooBoo = invalidMembers(
        "invalid-object",
        "[{\"foo\":\"boo\"}] is an array with one -32600 error (an invalid object is not a notification)",
        #"[{"foo":"boo"}]"#, count: 1)
    static let nested = invalidMembers(
        "nested-array", "in [[...]] the inner array is an invalid member: -32600",
        #"[[{"jsonrpc":"2.0","id":1,"method":"$/ping"}]]"#, count: 1)

    static let onlyNotifications = ConformanceCase(
        "wire.batch.only-notifications",
        rule: "WIRE.md §6: a batch of valid notifications gets nothing at all: no frame is sent"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            #"[{"jsonrpc":"2.0","method":"$/ping"},{"jsonrpc":"2.0","method":"Health.Check","params":{}}]"#)
        try WireCheck.expectNothing(connection, context)
    }

    static let streaming = ConformanceCase(
        "wire.batch.streaming-member",
        rule:
            "WIRE.md §6, §3.4 step 9: a streaming member fails -32600 (streaming methods cannot be called in a batch); the others run",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(.array([request(1, WireCheck.stream, ["count": 2]), request(2, "Health.Check")]))
        let responses = try WireCheck.nextBatch(connection, context)
        let error = try context.expectError(try member(responses, 1, context), code: -32600, status: "INVALID_ARGUMENT")
        try context.expectMessage(error, contains: "streaming methods cannot be called in a batch")
        try context.expectResult(try member(responses, 2, context))
        try context.expect(!connection.held.contains { $0.isItem(for: 1) }, "the streaming member sent items")
    }

    static let duplicateID = ConformanceCase(
        "wire.batch.duplicate-id",
        rule:
            "WIRE.md §6, §7: a member repeating the id of an earlier member still in flight fails -32600; the first runs",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            .array([
                request(5, WireCheck.echo, WireCheck.delayed(500, ["message": "first"])),
                request(5, WireCheck.echo, ["message": "second"]),
            ]))
        let responses = try WireCheck.nextBatch(connection, context)
        try context.expect(
            responses.count == 2 && responses.allSatisfy { $0["id"] == 5 }, "expected two responses with id 5")
        let results = responses.filter { $0["result"] != nil }
        try context.expect(
            results.count == 1 && results[0]["result"]?["message"] == "first",
            "expected the first member to succeed alone")
        try context.expectError(responses.first { $0["error"] != nil } ?? [:], code: -32600, status: "INVALID_ARGUMENT")
    }

    static let concurrent = ConformanceCase(
        "wire.batch.members-concurrent",
        rule:
            "WIRE.md §6: members run concurrently and the answer is one frame once every member finished: 3 x 1000 ms take well under 3 s",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        var responses: [JSONObject] = []
        let elapsed = try context.measure {
            try connection.writeFrame(
                .array([
                    request(1, WireCheck.echo, WireCheck.delayed(1000)),
                    request(2, WireCheck.echo, WireCheck.delayed(1000)),
                    request(3, WireCheck.echo, WireCheck.delayed(1000)),
                    request(4, WireCheck.echo, WireCheck.delayed(0)),
                ]))
            responses = try WireCheck.nextBatch(connection, context)
        }
        try context.expect(responses.count == 4, "expected the four answers in one array, got \(responses.count)")
        try context.expect(
            elapsed >= .milliseconds(950), "the batch answered after \(elapsed), before its slowest member finished")
        try context.expect(elapsed < .milliseconds(2500), "the batch took \(elapsed): members did not run concurrently")
    }

    static let ownMeta = ConformanceCase(
        "wire.batch.member-meta",
        rule: "WIRE.md §4, §6: each member carries its own meta and deadline",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            .array([
                request(1, WireCheck.echo, [:], meta: ["tenant": "a"]),
                request(2, WireCheck.echo, [:], meta: ["tenant": "b"]),
                request(3, WireCheck.echo, [:], meta: ["timeoutMs": 0]),
            ]))
        let responses = try WireCheck.nextBatch(connection, context)
        try context.expect(
            try context.expectResult(try member(responses, 1, context))["meta"] == ["tenant": "a"],
            "member 1 lost its meta")
        try context.expect(
            try context.expectResult(try member(responses, 2, context))["meta"] == ["tenant": "b"],
            "member 2 lost its meta")
        try context.expectError(try member(responses, 3, context), code: 4, status: "DEADLINE_EXCEEDED")
    }

    static let pingInBatch = ConformanceCase(
        "wire.batch.ping-member",
        rule: "WIRE.md §6: $/ping as a request in a batch is answered {} in the array"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(.array([request(1, "$/ping"), request(2, "Health.Check")]))
        let responses = try WireCheck.nextBatch(connection, context)
        let ping = try context.expectResult(try member(responses, 1, context))
        try context.expect(ping == .object([:]), "expected {}, got \(ping)")
    }

    static let cancelMember = ConformanceCase(
        "wire.batch.cancel-member",
        rule: "WIRE.md §6, §9: a batch member can be cancelled by its id; it ends CANCELLED inside the array",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            .array([request("b1", WireCheck.echo, WireCheck.delayed(60000)), request("b2", WireCheck.echo, [:])]))
        try connection.send("$/cancel", id: nil, params: ["id": "b1"])
        let responses = try WireCheck.nextBatch(connection, context)
        try context.expectError(try member(responses, "b1", context), code: 1, status: "CANCELLED")
        try context.expectResult(try member(responses, "b2", context))
    }

    static let cancelInBatch = ConformanceCase(
        "wire.batch.cancel-in-batch",
        rule: "WIRE.md §6: $/cancel inside a batch acts as it would alone and contributes nothing to the array",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: WireCheck.delayed(60000))
        try connection.expectAlive()
        try connection.writeFrame(
            .array([RawConnection.request(id: nil, method: "$/cancel", params: ["id": 1]), request(2, "$/ping")]))
        try context.expectError(try connection.readResponse(id: 1), code: 1, status: "CANCELLED")
        let frame = try connection.readFrame { $0.array != nil }
        let responses = frame.array ?? []
        try context.expect(
            responses.count == 1 && responses[0]["id"] == 2,
            "expected the batch answer to hold only the $/ping's, got \(frame.text)")
    }

    static let oversizeResponse = ConformanceCase(
        "wire.batch.response-too-large",
        rule:
            "WIRE.md §6, §15: when the response array would exceed maxFrameBytes every successful member is answered RESOURCE_EXHAUSTED naming the size and the limit",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            .array([
                request(1, WireCheck.echo, ["responseBytes": 3_000_000]),
                request(2, WireCheck.echo, ["responseBytes": 3_000_000]),
                request(3, WireCheck.echo, ["status": "NOT_FOUND"]),
            ]))
        let responses = try WireCheck.nextBatch(connection, context, timeout: .seconds(20))
        for id: JSONValue in [1, 2] {
            let error = try context.expectError(
                try member(responses, id, context), code: 8, status: "RESOURCE_EXHAUSTED")
            try context.expectMessage(error, contains: "4194304")
        }
        try context.expectError(try member(responses, 3, context), code: 5, status: "NOT_FOUND")
    }

    static let overLimitNotifications = ConformanceCase(
        "wire.batch.over-limit-notifications",
        rule:
            "WIRE.md §6: the cap counts members, notifications included: 101 notifications are one 8 RESOURCE_EXHAUSTED error object"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(.array((0..<101).map { _ in RawConnection.request(id: nil, method: "$/ping") }))
        let response = try WireCheck.nextResponse(connection, context)
        try context.expectError(response, code: 8, status: "RESOURCE_EXHAUSTED")
        try context.expectID(response, .null)
    }

    static let notificationAndInvalid = ConformanceCase(
        "wire.batch.notification-and-invalid",
        rule: "WIRE.md §6: a notification and an invalid member give an array with one -32600 error only"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"[{"jsonrpc":"2.0","method":"$/ping"},"x"]"#)
        let responses = try WireCheck.nextBatch(connection, context)
        try context.expect(responses.count == 1, "expected one response, got \(responses.count)")
        try context.expectError(responses[0], code: -32600, status: "INVALID_ARGUMENT")
        try context.expectID(responses[0], .null)
    }

    static let paramsArrayMember = ConformanceCase(
        "wire.batch.member-validated-alone",
        rule: "WIRE.md §6, §3.4: each member is validated on its own: array params are -32602 for that member only",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            .array([request(1, WireCheck.echo, [1]), request(2, WireCheck.echo, ["message": "fine"])]))
        let responses = try WireCheck.nextBatch(connection, context)
        try context.expectError(try member(responses, 1, context), code: -32602, status: "INVALID_ARGUMENT")
        try context.expect(
            try context.expectResult(try member(responses, 2, context))["message"] == "fine", "member 2 did not run")
    }

    static let creditMember = ConformanceCase(
        "wire.batch.credit-member",
        rule: "WIRE.md §6: $/credit inside a batch acts as it would alone",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: "s", params: ["count": 2], meta: ["streamWindow": 1])
        _ = try connection.readItems(id: "s", count: 1)
        try connection.writeFrame(
            .array([
                RawConnection.request(id: nil, method: "$/credit", params: ["id": "s", "items": 1]),
                request(1, "$/ping"),
            ]))
        let (rest, response) = try connection.readStream(id: "s")
        try context.expect(rest == [["index": 1]], "expected item 1 after the batch's credit, got \(rest)")
        try context.expectResult(response)
    }

    static let streamingBeforeDeadline = ConformanceCase(
        "wire.order.streaming-batch-before-deadline",
        rule: "WIRE.md §3.4: a streaming member (step 9) fails -32600 before its timeoutMs 0 (step 10)",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            .array([request(1, WireCheck.stream, ["count": 1], meta: ["timeoutMs": 0]), request(2, "$/ping")]))
        let responses = try WireCheck.nextBatch(connection, context)
        try context.expectError(try member(responses, 1, context), code: -32600, status: "INVALID_ARGUMENT")
    }
}

import FramedJSON

/// WIRE.md §10: server streaming with `$/item`, per-stream credit and connection backpressure.
enum StreamCases {
    static var all: [ConformanceCase] {
        [
            basic, empty, example, defaultWindow, creditAsRequest, badCredit, unknownCredit, padding, stringID,
            interleaved,
            stalledDoesNotBlock, invalidParams, backpressure,
        ]
    }

    static func items(_ range: Range<Int>) -> [JSONValue] { range.map { ["index": .int(Int64($0))] } }

    static let basic = ConformanceCase(
        "wire.stream.items-then-result",
        rule:
            "WIRE.md §10.1: items arrive in order as $/item notifications carrying the call id, then the response {\"count\":n}",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: 3, params: ["count": 5])
        for expected in items(0..<5) {
            let frame = try connection.readFrame()
            try context.expect(
                frame.isItem(for: 3) && frame.item == expected,
                "expected $/item \(expected) for id 3, got \(frame.text)")
            let params = frame.object?["params"]?.objectValue ?? [:]
            try context.expect(
                Set(params.keys) == ["id", "item"], "$/item params must hold id and item, got \(params)")
        }
        let result = try context.expectResult(try WireCheck.nextResponse(connection, context))
        try context.expect(result == ["count": 5], "expected {\"count\":5}, got \(result)")
        try connection.expectNoMoreItems(id: 3)
    }

    static let empty = ConformanceCase(
        "wire.stream.empty",
        rule: "WIRE.md §10.1, §14.3: a stream of count 0 sends no item, only the response {\"count\":0}",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: 1, params: ["count": 0])
        let (received, response) = try connection.readStream(id: 1)
        try context.expect(received.isEmpty, "expected no items, got \(received.count)")
        try context.expect(try context.expectResult(response) == ["count": 0], "expected {\"count\":0}")
    }

    static let example = ConformanceCase(
        "wire.stream.credit-example",
        rule:
            "WIRE.md §10.2, §16.3: streamWindow 1: one item, then nothing until $/credit grants one more, then the item and the result",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            #"{"jsonrpc":"2.0","id":3,"method":"Conformance.Stream","params":{"count":2},"meta":{"streamWindow":1}}"#)
        try context.expect(try connection.readItems(id: 3, count: 1) == items(0..<1), "expected item 0 first")
        try connection.expectSilence(for: .milliseconds(400))
        try connection.writeFrame(#"{"jsonrpc":"2.0","method":"$/credit","params":{"id":3,"items":1}}"#)
        let (rest, response) = try connection.readStream(id: 3)
        try context.expect(rest == items(1..<2), "expected item 1 after the credit, got \(rest)")
        try context.expect(
            try context.expectResult(response) == ["count": 2],
            "expected {\"count\":2}: the final response needs no credit")
    }

    static let defaultWindow = ConformanceCase(
        "wire.stream.default-window",
        rule:
            "WIRE.md §10.2: without streamWindow the credit starts at 16: 16 items, a pause, then 4 more after a credit of 4",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: 1, params: ["count": 20])
        try context.expect(
            try connection.readItems(id: 1, count: 16) == items(0..<16), "expected items 0...15 in order")
        try connection.expectSilence(for: .milliseconds(400))
        try connection.send("$/credit", id: nil, params: ["id": 1, "items": 4])
        let (rest, response) = try connection.readStream(id: 1)
        try context.expect(rest == items(16..<20), "expected items 16...19, got \(rest)")
        try context.expectResult(response)
    }

    static let creditAsRequest = ConformanceCase(
        "wire.stream.credit-as-request",
        rule: "WIRE.md §9, §10.2: $/credit sent as a request acts and is answered {} under its own id",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: 1, params: ["count": 2], meta: ["streamWindow": 1])
        _ = try connection.readItems(id: 1, count: 1)
        try connection.send("$/credit", id: "c", params: ["id": 1, "items": 1])
        try context.expect(
            try context.expectResult(try connection.readResponse(id: "c")) == .object([:]),
            "expected {} for the $/credit request")
        let (rest, response) = try connection.readStream(id: 1)
        try context.expect(rest == items(1..<2), "expected item 1, got \(rest)")
        try context.expectResult(response)
    }

    static let badCredit = ConformanceCase(
        "wire.stream.malformed-credit-ignored",
        rule: "WIRE.md §10.2 rule 5: a $/credit with items 0, 10001, missing or a string grants nothing",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: 1, params: ["count": 3], meta: ["streamWindow": 1])
        _ = try connection.readItems(id: 1, count: 1)
        for params: JSONValue in [
            ["id": 1, "items": 0], ["id": 1, "items": 10001], ["id": 1], ["id": 1, "items": "2"],
            ["id": 1, "items": -1],
        ] {
            try connection.send("$/credit", id: nil, params: params)
        }
        try WireCheck.expectNothing(connection, context)
        try connection.send("$/credit", id: nil, params: ["id": 1, "items": 2])
        let (rest, response) = try connection.readStream(id: 1)
        try context.expect(rest == items(1..<3), "expected items 1 and 2 after a valid credit, got \(rest)")
        try context.expectResult(response)
    }

    static let unknownCredit = ConformanceCase(
        "wire.stream.credit-unknown-id-ignored",
        rule: "WIRE.md §10.2 rule 5: a $/credit for an unknown id or for a unary call is ignored",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: WireCheck.delayed(300))
        try connection.send("$/credit", id: nil, params: ["id": 1, "items": 5])
        try connection.send("$/credit", id: nil, params: ["id": "nobody", "items": 5])
        try context.expectResult(try connection.readResponse(id: 1))
        try WireCheck.expectNothing(connection, context)
    }

    static let padding = ConformanceCase(
        "wire.stream.item-padding",
        rule: "WIRE.md §14.3: itemBytes adds a padding of exactly that many x to every item",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: 1, params: ["count": 2, "itemBytes": 1000])
        let (received, response) = try connection.readStream(id: 1)
        let padding = JSONValue.string(String(repeating: "x", count: 1000))
        try context.expect(
            received == [["index": 0, "padding": padding], ["index": 1, "padding": padding]],
            "items lack the 1000-byte padding")
        try context.expectResult(response)
    }

    static let stringID = ConformanceCase(
        "wire.stream.string-id",
        rule: "WIRE.md §10.1: params.id of each $/item is the call's id as sent, a string here",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: "s-é", params: ["count": 2])
        let (received, response) = try connection.readStream(id: "s-é")
        try context.expect(received == items(0..<2), "expected 2 items for id \"s-é\"")
        try context.expectResult(response)
    }

    static let interleaved = ConformanceCase(
        "wire.stream.interleaved",
        rule:
            "WIRE.md §7, §10.1: items of two streams interleave; each stream's items stay in order before its own response",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: "a", params: ["count": 5, "intervalMs": 20])
        try connection.send(WireCheck.stream, id: "b", params: ["count": 5, "intervalMs": 20])
        let a = try connection.readStream(id: "a")
        let b = try connection.readStream(id: "b")
        try context.expect(
            a.items == items(0..<5) && b.items == items(0..<5), "a stream's items are missing or out of order")
        try context.expectResult(a.response)
        try context.expectResult(b.response)
    }

    static let stalledDoesNotBlock = ConformanceCase(
        "wire.stream.no-credit-other-calls-unaffected",
        rule: "WIRE.md §10.2 rule 2: a stream waiting for credit does not hold up other calls on the connection",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: "s", params: ["count": 10], meta: ["streamWindow": 1])
        _ = try connection.readItems(id: "s", count: 1)
        try connection.send(WireCheck.echo, id: 1, params: ["message": "through"])
        try context.expectResult(try connection.readResponse(id: 1))
        try connection.send("$/cancel", id: nil, params: ["id": "s"])
        try context.expectError(try connection.readResponse(id: "s"), code: 1, status: "CANCELLED")
    }

    static let invalidParams = ConformanceCase(
        "wire.stream.invalid-params",
        rule:
            "WIRE.md §16.2: Conformance.Stream with count \"three\" is -32602 with a field violation naming count, and no item",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"{"jsonrpc":"2.0","id":8,"method":"Conformance.Stream","params":{"count":"three"}}"#)
        let response = try WireCheck.nextResponse(connection, context)
        try context.expectID(response, 8)
        try context.expectError(response, code: -32602, status: "INVALID_ARGUMENT", field: "count")
    }

    static let backpressure = ConformanceCase(
        "wire.backpressure.streams-pause-unary-flows",
        rule:
            "WIRE.md §10.4: a client that stops reading makes the server pause its streams above the high-water mark, while unary responses are still written: an Echo sent meanwhile is answered before the stream ends",
        requires: [.conformanceService, .runsAlone]
    ) { context in
        let connection = try context.connect()
        connection.setReceiveBuffer(bytes: 64 * 1024)
        // 200 items of 64 KiB (12.5 MiB) with all the credit they need: only backpressure can stop them.
        try connection.send(
            WireCheck.stream, id: "s", params: ["count": 200, "itemBytes": 65536], meta: ["streamWindow": 10000])
        context.stayIdle(for: .seconds(1))
        try connection.send(WireCheck.echo, id: "u", params: ["message": "unary"])
        var itemsBefore = 0
        while true {
            let frame = try connection.readFrame(timeout: .seconds(20))
            if frame.isResponse(to: "u") { break }
            if frame.isResponse(to: "s") {
                throw context.fail(
                    "the stream ended (\(itemsBefore) items) before the Echo sent meanwhile was answered: streams were not paused"
                )
            }
            if frame.isItem(for: "s") { itemsBefore += 1 }
        }
        let (rest, response) = try connection.readStream(id: "s", timeout: .seconds(20))
        try context.expect(
            itemsBefore + rest.count == 200, "expected 200 items in all, got \(itemsBefore + rest.count)")
        try context.expect(try context.expectResult(response) == ["count": 200], "expected {\"count\":200}")
    }
}

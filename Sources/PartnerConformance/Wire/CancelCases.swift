import FramedJSON

/// WIRE.md §9: `$/cancel`.
enum CancelCases {
    static var all: [ConformanceCase] {
        [example, integerID, asRequest, unknownID, afterAnswer, malformed, otherConnection, idType, stream]
    }

    static func cancel(_ id: JSONValue) -> JSONValue { ["id": id] }

    static let example = ConformanceCase(
        "wire.cancel.example",
        rule: "WIRE.md §9, §16.4: $/cancel of a running call: it ends CANCELLED (code 1) with exactly one response",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(
            #"{"jsonrpc":"2.0","id":"c-4","method":"Conformance.Echo","params":{"message":"slow","delayMs":60000}}"#)
        try connection.expectAlive()
        try connection.writeFrame(#"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":"c-4"}}"#)
        let response = try connection.readResponse(id: "c-4", timeout: .seconds(5))
        try context.expectError(response, code: 1, status: "CANCELLED")
        try WireCheck.expectNothing(connection, context)
    }

    static let integerID = ConformanceCase(
        "wire.cancel.integer-id",
        rule: "WIRE.md §9: $/cancel names an integer id as well: the call ends CANCELLED",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 42, params: WireCheck.delayed(60000))
        try connection.expectAlive()
        try connection.send("$/cancel", id: nil, params: cancel(42))
        try context.expectError(try connection.readResponse(id: 42, timeout: .seconds(5)), code: 1, status: "CANCELLED")
    }

    static let asRequest = ConformanceCase(
        "wire.cancel.as-request",
        rule: "WIRE.md §9: $/cancel sent as a request acts the same and is also answered {} under its own id",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: WireCheck.delayed(60000))
        try connection.expectAlive()
        try connection.send("$/cancel", id: 2, params: cancel(1))
        let own = try context.expectResult(try connection.readResponse(id: 2))
        try context.expect(own == .object([:]), "expected {} for the $/cancel request, got \(own)")
        try context.expectError(try connection.readResponse(id: 1, timeout: .seconds(5)), code: 1, status: "CANCELLED")
    }

    static let unknownID = ConformanceCase(
        "wire.cancel.unknown-id",
        rule: "WIRE.md §9: a $/cancel naming an unknown id is ignored: nothing is sent"
    ) { context in
        let connection = try context.connect()
        try connection.send("$/cancel", id: nil, params: cancel("never-sent"))
        try WireCheck.expectNothing(connection, context)
    }

    static let afterAnswer = ConformanceCase(
        "wire.cancel.after-answer",
        rule: "WIRE.md §9: a $/cancel for a call already answered is ignored: its response stands, no second one comes",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: ["message": "done"])
        try context.expectResult(try connection.readResponse(id: 1))
        try connection.send("$/cancel", id: nil, params: cancel(1))
        try WireCheck.expectNothing(connection, context)
    }

    static let malformed = ConformanceCase(
        "wire.cancel.malformed-ignored",
        rule:
            "WIRE.md §9: a malformed $/cancel (no params.id, or params.id an object) is ignored; the call it might name runs on",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: WireCheck.delayed(500, ["message": "kept"]))
        try connection.send("$/cancel", id: nil, params: [:])
        try connection.send("$/cancel", id: nil, params: ["id": ["1": 1]])
        try connection.send("$/cancel", id: nil)
        let result = try context.expectResult(try connection.readResponse(id: 1))
        try context.expect(result["message"] == "kept", "expected the call to finish normally")
        try WireCheck.expectNothing(connection, context)
    }

    static let otherConnection = ConformanceCase(
        "wire.cancel.other-connection",
        rule: "WIRE.md §9: $/cancel reaches only calls of its own connection",
        requires: [.conformanceService]
    ) { context in
        let a = try context.connect()
        let b = try context.connect()
        try a.send(WireCheck.echo, id: 1, params: WireCheck.delayed(600, ["message": "kept"]))
        try a.expectAlive()
        try b.send("$/cancel", id: nil, params: cancel(1))
        try b.expectAlive()
        try context.expect(
            try context.expectResult(try a.readResponse(id: 1))["message"] == "kept",
            "a cancel from another connection ended the call")
    }

    static let idType = ConformanceCase(
        "wire.cancel.id-type-matters",
        rule: "WIRE.md §3.2, §9: 1 and \"1\" are different ids: $/cancel of \"1\" does not cancel call 1",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: WireCheck.delayed(600, ["message": "kept"]))
        try connection.expectAlive()
        try connection.send("$/cancel", id: nil, params: cancel("1"))
        try context.expect(
            try context.expectResult(try connection.readResponse(id: 1))["message"] == "kept",
            "cancel of \"1\" ended call 1")
    }

    static let stream = ConformanceCase(
        "wire.cancel.stream",
        rule:
            "WIRE.md §9, §10.1: a cancelled stream ends CANCELLED after the items already sent; no $/item follows the response",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: "s", params: ["count": 1000, "intervalMs": 50])
        let first = try connection.readItems(id: "s", count: 2)
        try context.expect(first == [["index": 0], ["index": 1]], "expected items 0 and 1 first, got \(first)")
        try connection.send("$/cancel", id: nil, params: cancel("s"))
        let (rest, response) = try connection.readStream(id: "s")
        try context.expectError(response, code: 1, status: "CANCELLED")
        try context.expect(rest.count < 100, "the stream went on for \(rest.count) items after the cancel")
        try context.expect(
            rest == (0..<rest.count).map { ["index": .int(Int64($0 + 2))] }, "items after the cancel out of order")
        try connection.expectNoMoreItems(id: "s")
    }
}

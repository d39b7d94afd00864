import FramedJSON

/// WIRE.md §7: many calls on one connection, answered in any order, matched by id.
enum MultiplexCases {
    static var all: [ConformanceCase] {
        [outOfOrder, many, inFlight, inFlightString, reuse, perConnection, concurrencyLimit]
    }

    static let outOfOrder = ConformanceCase(
        "wire.multiplex.out-of-order",
        rule:
            "WIRE.md §7: calls run concurrently and each is answered as soon as it finishes: a fast call overtakes a slow one",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: WireCheck.delayed(1500, ["message": "slow"]))
        try connection.send(WireCheck.echo, id: 2, params: ["message": "fast"])
        let first = try WireCheck.nextResponse(connection, context)
        try context.expectID(first, 2)
        try context.expect(
            try context.expectResult(first)["message"] == "fast", "the fast call's answer carries the wrong message")
        try context.expect(
            try context.expectResult(try connection.readResponse(id: 1))["message"] == "slow",
            "the slow call's answer is wrong")
    }

    static let many = ConformanceCase(
        "wire.multiplex.many-in-flight",
        rule: "WIRE.md §7: 50 calls in flight with decreasing delays are each answered exactly once under their own id",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        for n in 0..<50 {
            try connection.send(
                WireCheck.echo, id: .int(Int64(n)),
                params: WireCheck.delayed(Int64((50 - n) * 10), ["message": .int(Int64(n))]))
        }
        var seen = Set<Int64>()
        while seen.count < 50 {
            let response = try WireCheck.nextResponse(connection, context)
            guard let id = response["id"]?.intValue, (0..<50).contains(id) else {
                throw context.fail("unexpected response \(response)")
            }
            try context.expect(seen.insert(id).inserted, "id \(id) was answered twice")
            try context.expect(
                try context.expectResult(response)["message"] == .int(id), "id \(id) got another call's message")
        }
    }

    static let inFlight = ConformanceCase(
        "wire.multiplex.id-in-flight",
        rule:
            "WIRE.md §7, §3.4 step 12: a request reusing an id in flight fails -32600 (id 5 is already in flight); the running call is not affected",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 5, params: WireCheck.delayed(800, ["message": "first"]))
        try connection.send(WireCheck.echo, id: 5, params: ["message": "second"])
        let refused = try WireCheck.nextResponse(connection, context)
        try context.expectID(refused, 5)
        let error = try context.expectError(refused, code: -32600, status: "INVALID_ARGUMENT")
        try context.expectMessage(error, contains: "already in flight")
        let first = try context.expectResult(try connection.readResponse(id: 5))
        try context.expect(first["message"] == "first", "the running call was affected: \(first)")
    }

    static let inFlightString = ConformanceCase(
        "wire.multiplex.string-id-in-flight",
        rule:
            "WIRE.md §7: the in-flight check holds for string ids, the message giving the id as JSON (id \"c-4\" is already in flight)",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: "c-4", params: WireCheck.delayed(800))
        try connection.send(WireCheck.echo, id: "c-4", params: [:])
        let refused = try WireCheck.nextResponse(connection, context)
        try context.expectID(refused, "c-4")
        let error = try context.expectError(refused, code: -32600, status: "INVALID_ARGUMENT")
        try context.expectMessage(error, contains: "\"c-4\"", "already in flight")
        try context.expectResult(try connection.readResponse(id: "c-4"))
    }

    static let reuse = ConformanceCase(
        "wire.multiplex.id-reuse-after-answer",
        rule: "WIRE.md §7: an id may be reused once its response has arrived",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        for message in ["one", "two", "three"] {
            try connection.send(WireCheck.echo, id: 7, params: ["message": .string(message)])
            try context.expect(
                try context.expectResult(try connection.readResponse(id: 7))["message"] == .string(message),
                "reused id 7 got a wrong answer")
        }
    }

    static let perConnection = ConformanceCase(
        "wire.multiplex.ids-per-connection",
        rule: "WIRE.md §7: ids are scoped to one connection: two connections may use the same id at once",
        requires: [.conformanceService]
    ) { context in
        let a = try context.connect()
        let b = try context.connect()
        try a.send(WireCheck.echo, id: 1, params: WireCheck.delayed(400, ["message": "a"]))
        try b.send(WireCheck.echo, id: 1, params: WireCheck.delayed(400, ["message": "b"]))
        try context.expect(
            try context.expectResult(try a.readResponse(id: 1))["message"] == "a", "connection a got a wrong answer")
        try context.expect(
            try context.expectResult(try b.readResponse(id: 1))["message"] == "b", "connection b got a wrong answer")
    }

    static let concurrencyLimit = ConformanceCase(
        "wire.multiplex.concurrency-limit-pauses-reading",
        rule:
            "WIRE.md §7, §15: with maxConcurrentCallsPerConnection (128) handlers running the server stops reading: a $/ping sent next is answered only after a call finished",
        requires: [.conformanceService, .runsAlone]
    ) { context in
        let connection = try context.connect()
        for n in 0..<128 { try connection.send(WireCheck.echo, id: .int(Int64(n)), params: WireCheck.delayed(1500)) }
        try connection.send("$/ping", id: "ping")
        let first = try WireCheck.nextResponse(connection, context)
        try context.expect(
            first["id"] != "ping", "the $/ping was answered while 128 calls were running: the server kept reading")
        try context.expectResult(first)
        try context.expectResult(try connection.readResponse(id: "ping"))
        for n in 0..<128 where first["id"] != .int(Int64(n)) {
            try context.expectResult(try connection.readResponse(id: .int(Int64(n))))
        }
    }
}

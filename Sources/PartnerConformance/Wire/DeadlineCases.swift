import FramedJSON

/// WIRE.md §8: `meta.timeoutMs`.
enum DeadlineCases {
    static var all: [ConformanceCase] { [zero, passes, met, streamCredit, streamItemsStay] }

    static let zero = ConformanceCase(
        "wire.deadline.zero",
        rule:
            "WIRE.md §8, §3.4 step 10: timeoutMs 0 fails DEADLINE_EXCEEDED without running (an Echo asked to fail NOT_FOUND never gets to)",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: ["status": "NOT_FOUND"], meta: ["timeoutMs": 0])
        try context.expectError(try connection.readResponse(id: 1), code: 4, status: "DEADLINE_EXCEEDED")
    }

    static let passes = ConformanceCase(
        "wire.deadline.passes",
        rule:
            "WIRE.md §8: when the deadline passes first the call ends DEADLINE_EXCEEDED (4), message deadline exceeded, never CANCELLED, near the deadline",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        var response: JSONObject = [:]
        let elapsed = try context.measure {
            try connection.send(WireCheck.echo, id: 1, params: WireCheck.delayed(10000), meta: ["timeoutMs": 300])
            response = try connection.readResponse(id: 1)
        }
        let error = try context.expectError(response, code: 4, status: "DEADLINE_EXCEEDED")
        try context.expectMessage(error, contains: "deadline exceeded")
        try context.expect(elapsed >= .milliseconds(250), "answered after \(elapsed), before the 300 ms deadline")
        try context.expect(
            elapsed < .milliseconds(3000), "answered after \(elapsed): the 300 ms deadline was not enforced")
    }

    static let met = ConformanceCase(
        "wire.deadline.met",
        rule: "WIRE.md §8: a call that finishes before its deadline succeeds",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: WireCheck.delayed(100), meta: ["timeoutMs": 5000])
        try context.expectResult(try connection.readResponse(id: 1))
    }

    static let streamCredit = ConformanceCase(
        "wire.deadline.stream-waiting-for-credit",
        rule:
            "WIRE.md §8, §14.3: the deadline covers a stream's wait for credit: window 1, no credit, timeoutMs 400 gives one item then DEADLINE_EXCEEDED",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.stream, id: 1, params: ["count": 5], meta: ["streamWindow": 1, "timeoutMs": 400])
        let (items, response) = try connection.readStream(id: 1)
        try context.expect(items == [["index": 0]], "expected exactly the item {\"index\":0}, got \(items)")
        try context.expectError(response, code: 4, status: "DEADLINE_EXCEEDED")
    }

    static let streamItemsStay = ConformanceCase(
        "wire.deadline.stream-items-delivered",
        rule:
            "WIRE.md §8, §10.1: a stream cut by its deadline keeps the items already sent, in order, then ends DEADLINE_EXCEEDED",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(
            WireCheck.stream, id: 1, params: ["count": 100, "intervalMs": 100], meta: ["timeoutMs": 450])
        let (items, response) = try connection.readStream(id: 1)
        try context.expect(!items.isEmpty && items.count < 100, "expected some but not all items, got \(items.count)")
        try context.expect(
            items == (0..<items.count).map { ["index": .int(Int64($0))] }, "items out of order: \(items)")
        try context.expectError(response, code: 4, status: "DEADLINE_EXCEEDED")
        try connection.expectNoMoreItems(id: 1)
    }
}

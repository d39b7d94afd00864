import FramedJSON

/// Result cases: methods callable without ids (reads and lists) are called with the suite's
/// token and their results, and streamed items, validated against the document's schemas by
/// the suite's own validator. Domain cases validate the results of every other method.
enum ResultCases {
    static func generate(_ methods: [MethodDescription]) -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        for method in methods where !method.mutating && !method.streaming && !method.params.contains(where: \.required)
        {
            cases.append(
                ConformanceCase(
                    "schema.\(method.name).result-valid",
                    rule: "OpenRPC result schema: a successful \(method.name) result validates against it",
                    requires: method.isPublic ? [] : [.token]
                ) { context in
                    let meta = method.isPublic ? nil : try context.authMeta()
                    let connection = try context.connect()
                    let response = try connection.call(method.name, params: [:], meta: meta)
                    let result = try context.expectValidResult(response, of: method.name)
                    // A list with a next page: the next page validates too.
                    if let next = result["nextPageToken"]?.stringValue {
                        let page = try connection.call(
                            method.name, params: ["pageToken": .string(next)], meta: meta)
                        try context.expectValidResult(page, of: method.name)
                    }
                })
        }
        // Lists that need an id (Subscriptions.ListHistory) are paged by their domain cases.
        for method in methods
        where method.params.contains(where: { $0.name == "pageSize" }) && !method.mutating
            && !method.params.contains(where: \.required)
        {
            cases.append(
                ConformanceCase(
                    "schema.\(method.name).page-size-one",
                    rule: "A list with pageSize 1 returns at most one item, valid against the result schema",
                    requires: method.isPublic ? [] : [.token]
                ) { context in
                    let meta = method.isPublic ? nil : try context.authMeta()
                    let response = try context.connect().call(method.name, params: ["pageSize": 1], meta: meta)
                    let result = try context.expectValidResult(response, of: method.name)
                    let count = result["items"]?.arrayValue?.count ?? 0
                    try context.expect(count <= 1, "pageSize 1 returned \(count) items")
                })
        }
        for method in methods where method.streaming && method.itemSchema != nil {
            cases.append(
                ConformanceCase(
                    "schema.\(method.name).items-valid",
                    rule:
                        "WIRE.md §10.1: each $/item of \(method.name) is shaped as its x-item schema; the stream ends with a response after $/cancel",
                    requires: method.isPublic ? [] : [.token]
                ) { context in
                    try streamItemsValid(method, context)
                })
        }
        return cases
    }

    /// Calls a streaming method, validates its first items against `x-item`, cancels it and
    /// checks it ends with one response (CANCELLED, or a result valid for the result schema).
    static func streamItemsValid(_ method: MethodDescription, _ context: CaseContext) throws {
        guard let itemSchema = method.itemSchema else { return }
        var meta: JSONObject = method.isPublic ? [:] : try context.authMeta()
        meta["streamWindow"] = 4
        var params: JSONObject = [:]
        if method.params.contains(where: { $0.name == "count" }) { params["count"] = 3 }
        if method.params.contains(where: { $0.name == "afterSequence" }) {
            // Make sure at least one event exists, then read from the start.
            if !method.isPublic { try DomainSupport(context).makeEvent() }
            params["afterSequence"] = 0
        }
        let connection = try context.connect()
        let id = JSONValue.int(connection.nextID())
        try connection.writeFrame(
            RawConnection.request(id: id, method: method.name, params: .object(params), meta: meta))
        var items = 0
        while items < 2 {
            let frame = try connection.readFrame()
            if frame.isResponse(to: id) {
                throw context.fail("\(method.name) ended before sending an item: \(frame.text)")
            }
            guard frame.method == "$/item", frame.object?["params"]?["id"] == id else { continue }
            guard let item = frame.object?["params"]?["item"] else { throw context.fail("$/item without params.item") }
            try context.expectValid(item, against: itemSchema, "$/item #\(items) of \(method.name)")
            items += 1
            if method.name == "Health.Watch" { break }  // it sends again only on a change
        }
        try connection.writeFrame(.object(["jsonrpc": "2.0", "method": "$/cancel", "params": ["id": id]]))
        let response = try connection.readResponse(id: id)
        if response["error"] != nil {
            try context.expectError(response, code: 1, status: "CANCELLED")
        } else {
            try context.expectValidResult(response, of: method.name)
        }
    }
}

import FramedJSON

/// WIRE.md §15: limits not covered by their own sections.
enum LimitCases {
    static var all: [ConformanceCase] { [largestResponse, responseTooLarge, outboundBufferClose] }

    static let largestResponse = ConformanceCase(
        "wire.limits.large-response",
        rule: "WIRE.md §2.2, §14.3: a 3 MiB response (responseBytes 3145728) is sent whole in one frame",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let result = try context.expectResult(
            try connection.call(WireCheck.echo, params: ["responseBytes": 3_145_728], timeout: .seconds(20)))
        try context.expect(result["padding"]?.stringValue?.utf8.count == 3_145_728, "the padding is not 3145728 bytes")
    }

    static let responseTooLarge = ConformanceCase(
        "wire.limits.response-too-large",
        rule:
            "WIRE.md §15: a response the server would send above maxFrameBytes fails the call with 8 RESOURCE_EXHAUSTED naming the limit; the connection stays open",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let message = JSONValue.string(String(repeating: "m", count: 1_200_000))
        try connection.send(WireCheck.echo, id: 1, params: ["message": message, "responseBytes": 3_145_728])
        let error = try context.expectError(
            try connection.readResponse(id: 1, timeout: .seconds(20)), code: 8, status: "RESOURCE_EXHAUSTED")
        try context.expectMessage(error, contains: "4194304")
        try connection.expectAlive()
    }

    static let outboundBufferClose = ConformanceCase(
        "wire.limits.client-not-reading-closed",
        rule:
            "WIRE.md §2.4, §10.4, §15: when more than maxBufferedOutboundBytes (64 MiB) wait for a client that does not read, the server closes the connection",
        requires: [.conformanceService, .runsAlone]
    ) { context in
        let connection = try context.connect()
        connection.setReceiveBuffer(bytes: 64 * 1024)
        let calls = 40
        for n in 0..<calls {
            try connection.send(WireCheck.echo, id: .int(Int64(n)), params: ["responseBytes": 3_145_728])
        }
        // A $/ping notification is read and never answered, so it adds nothing to the queue.
        let probe = RawConnection.framed(Array(#"{"jsonrpc":"2.0","method":"$/ping"}"#.utf8))
        let closed = connection.writeProbesUntilClosed(probe, every: .milliseconds(100), timeout: .seconds(45))
        try context.expect(
            closed,
            "\(calls) answers of 3 MiB (\(calls * 3) MiB) waited for a client that did not read, and the server kept the connection open"
        )
    }
}

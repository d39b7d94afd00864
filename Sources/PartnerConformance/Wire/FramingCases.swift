import FramedJSON

/// WIRE.md §2: the connection and the length-prefixed frames.
enum FramingCases {
    static var all: [ConformanceCase] {
        [
            exampleUnary, byteByByte, splitLength, coalesced, coalescedAndSplit, lengthCountsBytes, whitespace,
            largestFrame, zeroLength, oversizeDeclared, oneOverLimit, errorClosesOnlyItsConnection, noHandshake,
        ]
    }

    /// The Health.Check request of §16.1, byte for byte.
    static let healthCheck: [UInt8] = RawConnection.framed(
        Array(#"{"jsonrpc":"2.0","id":1,"method":"Health.Check","params":{"service":""}}"#.utf8))

    static func ping(id: Int) -> [UInt8] {
        RawConnection.framed(Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"$/ping"}"#.utf8))
    }

    static let exampleUnary = ConformanceCase(
        "wire.framing.example-unary",
        rule:
            "WIRE.md §2.2, §16.1: the frame 00 00 00 48 + Health.Check JSON is answered by one frame with id 1 and {\"status\":\"SERVING\"}"
    ) { context in
        let connection = try context.connect()
        try context.expect(healthCheck.prefix(4) == [0, 0, 0, 0x48], "the example's length prefix is 00 00 00 48")
        try connection.write(bytes: healthCheck)
        let response = try WireCheck.nextResponse(connection, context)
        try context.expectID(response, 1)
        let result = try context.expectResult(response)
        try context.expect(result == ["status": "SERVING"], "expected {\"status\":\"SERVING\"}, got \(result)")
    }

    static let byteByByte = ConformanceCase(
        "wire.framing.split-byte-by-byte",
        rule: "WIRE.md §2.2: one frame may span many segments; a frame written one byte per write is read whole"
    ) { context in
        let connection = try context.connect()
        try connection.write(bytes: healthCheck, chunkSize: 1, pause: .milliseconds(2))
        try context.expectResult(try connection.readResponse(id: 1))
    }

    static let splitLength = ConformanceCase(
        "wire.framing.split-inside-length",
        rule:
            "WIRE.md §2.2: a reader reads exactly 4 bytes then N, looping on short reads: the length prefix split 2+2 and the payload in pieces"
    ) { context in
        let connection = try context.connect()
        try connection.write(bytes: healthCheck, chunkSize: 2, pause: .milliseconds(40))
        try context.expectResult(try connection.readResponse(id: 1))
    }

    static let coalesced = ConformanceCase(
        "wire.framing.coalesced",
        rule: "WIRE.md §2.2: frames follow each other back to back; three frames in one write get three answers"
    ) { context in
        let connection = try context.connect()
        try connection.write(bytes: ping(id: 1) + ping(id: 2) + ping(id: 3))
        for id: Int64 in [1, 2, 3] {
            let result = try context.expectResult(try connection.readResponse(id: .int(id)))
            try context.expect(result == .object([:]), "expected $/ping id \(id) answered {}, got \(result)")
        }
    }

    static let coalescedAndSplit = ConformanceCase(
        "wire.framing.coalesced-and-split",
        rule:
            "WIRE.md §2.2: one segment may end inside a frame: a frame plus half of the next, then the rest plus a third"
    ) { context in
        let connection = try context.connect()
        let bytes = ping(id: 1) + ping(id: 2) + ping(id: 3)
        let cut = ping(id: 1).count + 7
        try connection.write(bytes: Array(bytes[..<cut]))
        try context.expectResult(try connection.readResponse(id: 1))
        try connection.write(bytes: Array(bytes[cut...]))
        try context.expectResult(try connection.readResponse(id: 2))
        try context.expectResult(try connection.readResponse(id: 3))
    }

    static let lengthCountsBytes = ConformanceCase(
        "wire.framing.length-counts-bytes",
        rule:
            "WIRE.md §2.2: N counts bytes, not characters; multi-byte UTF-8 in both directions keeps the stream in step",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let text = String(repeating: "é€😀", count: 100)
        try connection.send(WireCheck.echo, id: 1, params: ["message": .string(text)])
        try connection.send(WireCheck.echo, id: 2, params: ["message": "after"])
        let first = try context.expectResult(try connection.readResponse(id: 1))
        try context.expect(
            WireCheck.identical(first["message"] ?? .null, .string(text)), "the multi-byte message did not round-trip")
        let second = try context.expectResult(try connection.readResponse(id: 2))
        try context.expect(second["message"] == "after", "the frame after the multi-byte one was not read in step")
    }

    static let whitespace = ConformanceCase(
        "wire.framing.whitespace-allowed",
        rule: "WIRE.md §2.2: whitespace around and inside the JSON text is allowed"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(" \r\n\t{ \"jsonrpc\" :\n\"2.0\" ,\t\"id\" : 1 , \"method\" : \"$/ping\" }\r\n ")
        try context.expectResult(try connection.readResponse(id: 1))
    }

    static let largestFrame = ConformanceCase(
        "wire.framing.max-frame-accepted",
        rule:
            "WIRE.md §2.2, §15: 1 <= N <= maxFrameBytes (default 4194304): a frame of exactly 4194304 bytes is accepted"
    ) { context in
        let connection = try context.connect()
        let head = Array(#"{"jsonrpc":"2.0","id":1,"method":"$/ping""#.utf8)
        let payload = head + [UInt8](repeating: 0x20, count: 4_194_304 - head.count - 1) + [UInt8(ascii: "}")]
        try connection.write(bytes: RawConnection.framed(payload), note: "a $/ping padded with spaces to 4194304 bytes")
        try context.expectResult(try connection.readResponse(id: 1, timeout: .seconds(20)))
    }

    static let zeroLength = ConformanceCase(
        "wire.framing.zero-length",
        rule:
            "WIRE.md §2.3, §16.7: N = 0 is answered -32600 INVALID_ARGUMENT with id null, then the connection is closed"
    ) { context in
        let connection = try context.connect()
        try connection.write(bytes: [0, 0, 0, 0])
        let frames = try connection.readUntilClosed()
        try context.expect(frames.count == 1, "expected exactly one answer before the close, got \(frames.count)")
        guard let response = frames[0].object else { throw context.fail("the answer is not an object") }
        try context.expectError(response, code: -32600, status: "INVALID_ARGUMENT")
        try context.expectID(response, .null)
    }

    static let oversizeDeclared = ConformanceCase(
        "wire.framing.oversize-declared",
        rule:
            "WIRE.md §2.3, §16.7: a length of 5242881 is answered at once (no payload sent) with 8 RESOURCE_EXHAUSTED, id null, naming the size and the limit, then closed"
    ) { context in
        let connection = try context.connect()
        try connection.write(bytes: [0x00, 0x50, 0x00, 0x01])
        let frames = try connection.readUntilClosed()
        try context.expect(frames.count == 1, "expected exactly one answer before the close, got \(frames.count)")
        guard let response = frames[0].object else { throw context.fail("the answer is not an object") }
        let error = try context.expectError(response, code: 8, status: "RESOURCE_EXHAUSTED")
        try context.expectID(response, .null)
        try context.expectMessage(error, contains: "5242881", "4194304")
    }

    static let oneOverLimit = ConformanceCase(
        "wire.framing.one-byte-over-limit",
        rule:
            "WIRE.md §2.3, §15: N = maxFrameBytes + 1 (4194305) is refused with 8 RESOURCE_EXHAUSTED before its payload, then closed"
    ) { context in
        let connection = try context.connect()
        try connection.write(bytes: [0x00, 0x40, 0x00, 0x01])
        let frames = try connection.readUntilClosed()
        try context.expect(frames.count == 1, "expected exactly one answer before the close, got \(frames.count)")
        guard let response = frames[0].object else { throw context.fail("the answer is not an object") }
        let error = try context.expectError(response, code: 8, status: "RESOURCE_EXHAUSTED")
        try context.expectID(response, .null)
        try context.expectMessage(error, contains: "4194305", "4194304")
    }

    static let errorClosesOnlyItsConnection = ConformanceCase(
        "wire.framing.error-closes-only-its-connection",
        rule: "WIRE.md §2.3, §2.4: a framing error closes that connection; another connection keeps working"
    ) { context in
        let other = try context.connect()
        try other.expectAlive()
        let broken = try context.connect()
        try broken.write(bytes: [0, 0, 0, 0])
        _ = try broken.readUntilClosed()
        try other.expectAlive()
    }

    static let noHandshake = ConformanceCase(
        "wire.connection.no-handshake",
        rule:
            "WIRE.md §2.1, §11.1: no handshake: the server sends nothing unprompted (no greeting, no ping) and the first frame may be any request"
    ) { context in
        let connection = try context.connect()
        try connection.expectSilence(for: .milliseconds(500))
        try connection.write(bytes: healthCheck)
        try context.expectResult(try connection.readResponse(id: 1))
    }
}

import FramedJSON

/// WIRE.md §5: the error object, the 17 statuses and their `error.code`s, via `Conformance.Echo`.
enum StatusCases {
    /// The 17 statuses of §5.2 in number order, with the `error.code` §5.3 gives them.
    static let statuses: [(name: String, code: Int64)] = [
        ("OK", 0), ("CANCELLED", 1), ("UNKNOWN", 2), ("INVALID_ARGUMENT", 3), ("DEADLINE_EXCEEDED", 4),
        ("NOT_FOUND", 5),
        ("ALREADY_EXISTS", 6), ("PERMISSION_DENIED", 7), ("RESOURCE_EXHAUSTED", 8), ("FAILED_PRECONDITION", 9),
        ("ABORTED", 10), ("OUT_OF_RANGE", 11), ("UNIMPLEMENTED", 12), ("INTERNAL", -32603), ("UNAVAILABLE", 14),
        ("DATA_LOSS", 15), ("UNAUTHENTICATED", 16),
    ]

    static var all: [ConformanceCase] {
        statuses.map { byName($0.name, code: $0.code) } + [byNumber, messageBytes, invalidName, numberOutOfRange]
    }

    static func byName(_ name: String, code: Int64) -> ConformanceCase {
        let rule =
            name == "OK"
            ? "WIRE.md §5.2, §14.3: Conformance.Echo with status \"OK\" succeeds with a result"
            : "WIRE.md §5.1-§5.3, §14.3: Echo status \(name) is answered error.code \(code), data.status \(name), details [], statusMessage as message"
        return ConformanceCase("wire.status.echo.\(name)", rule: rule, requires: [.conformanceService]) { context in
            let connection = try context.connect()
            let text = "status \(name): \"quoted\"\tand é"
            try connection.send(
                WireCheck.echo, id: "s",
                params: ["message": "m", "status": .string(name), "statusMessage": .string(text)])
            let response = try connection.readResponse(id: "s")
            if name == "OK" {
                let result = try context.expectResult(response)
                try context.expect(result["message"] == "m", "expected result.message \"m\", got \(result)")
                return
            }
            let error = try context.expectError(response, code: code, status: name)
            let message = error["message"]?.stringValue ?? ""
            try context.expect(Array(message.utf8) == Array(text.utf8), "expected message '\(text)', got '\(message)'")
            try context.expect(
                error["data"]?["details"] == .array([]),
                "expected details [], got \(error["data"]?["details"] ?? .null)")
        }
    }

    static let byNumber = ConformanceCase(
        "wire.status.echo.by-number",
        rule:
            "WIRE.md §14.3: Echo's status may be given as its number 0...16; each is answered with its name and error.code",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        for (number, status) in statuses.enumerated() {
            try connection.send(WireCheck.echo, id: .int(Int64(number)), params: ["status": .int(Int64(number))])
        }
        for (number, status) in statuses.enumerated() {
            let response = try connection.readResponse(id: .int(Int64(number)))
            if number == 0 {
                try context.expectResult(response)
            } else {
                try context.expectError(response, code: status.code, status: status.name)
            }
        }
    }

    static let messageBytes = ConformanceCase(
        "wire.status.message-byte-for-byte",
        rule:
            "WIRE.md §14.3: statusMessage round-trips byte for byte: tabs, newlines, quotes, backslashes, emoji, U+0000, combining marks",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let text = "tab\there\nline two \"quoted\" back\\slash 😀 e\u{301} vs é \u{0} \u{1F} \u{2028} /"
        try connection.send(WireCheck.echo, id: 1, params: ["status": "ABORTED", "statusMessage": .string(text)])
        let error = try context.expectError(try connection.readResponse(id: 1), code: 10, status: "ABORTED")
        let message = error["message"]?.stringValue ?? ""
        try context.expect(
            Array(message.utf8) == Array(text.utf8),
            "message differs: expected bytes \(TranscriptRecorder.hex(Array(text.utf8))), got \(TranscriptRecorder.hex(Array(message.utf8)))"
        )
    }

    static let invalidName = ConformanceCase(
        "wire.status.echo.unknown-name",
        rule: "WIRE.md §14.3: status must be one of the 17 names: \"NOPE\" is -32602 naming status",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: ["status": "NOPE"])
        try context.expectError(
            try connection.readResponse(id: 1), code: -32602, status: "INVALID_ARGUMENT", field: "status")
    }

    static let numberOutOfRange = ConformanceCase(
        "wire.status.echo.number-out-of-range",
        rule: "WIRE.md §14.3: a status number is in 0...16: 17 is -32602 naming status",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: ["status": 17])
        try context.expectError(
            try connection.readResponse(id: 1), code: -32602, status: "INVALID_ARGUMENT", field: "status")
    }
}

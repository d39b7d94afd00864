import FramedJSON

/// WIRE.md §4: `meta`, its known keys, custom keys and its limits.
enum MetaCases {
    static var all: [ConformanceCase] {
        [passThrough, caseSensitiveKey, keysAtLimit, keysOverLimit, bytesAtLimit, bytesOverLimit] + malformed
            + wellFormed
    }

    /// A case calling Echo with `meta`; it must fail -32600 naming `meta.<field>`.
    static func refused(_ name: String, _ rule: String, _ meta: JSONObject, field: String) -> ConformanceCase {
        ConformanceCase("wire.meta.\(name)", rule: "WIRE.md §4, §3.4 step 7: \(rule)", requires: [.conformanceService])
        { context in
            let connection = try context.connect()
            try connection.send(WireCheck.echo, id: 1, params: [:], meta: meta)
            let response = try connection.readResponse(id: 1)
            try context.expectError(response, code: -32600, status: "INVALID_ARGUMENT", field: "meta.\(field)")
        }
    }

    /// A case calling Echo with `meta`; it must succeed.
    static func allowed(_ name: String, _ rule: String, _ meta: JSONObject) -> ConformanceCase {
        ConformanceCase("wire.meta.\(name)", rule: "WIRE.md §4: \(rule)", requires: [.conformanceService]) { context in
            let connection = try context.connect()
            try connection.send(WireCheck.echo, id: 1, params: ["message": "ok"], meta: meta)
            try context.expectResult(try connection.readResponse(id: 1))
        }
    }

    static var malformed: [ConformanceCase] {
        [
            refused("timeout-string", "timeoutMs must be an integer", ["timeoutMs": "100"], field: "timeoutMs"),
            refused(
                "timeout-negative", "timeoutMs is in 0...2147483647: -1 is refused", ["timeoutMs": -1],
                field: "timeoutMs"),
            refused(
                "timeout-too-large", "timeoutMs is in 0...2147483647: 2147483648 is refused",
                ["timeoutMs": 2_147_483_648], field: "timeoutMs"),
            refused(
                "timeout-fraction", "timeoutMs must be an integer: 1.5 is refused", ["timeoutMs": 1.5],
                field: "timeoutMs"),
            refused(
                "authorization-number", "authorization's type is checked here: a number is -32600",
                ["authorization": 5], field: "authorization"),
            refused(
                "idempotency-key-empty", "idempotencyKey is 1 to 128 characters: \"\" is refused",
                ["idempotencyKey": ""], field: "idempotencyKey"),
            refused(
                "idempotency-key-too-long", "idempotencyKey is 1 to 128 characters: 129 are refused",
                ["idempotencyKey": .string(String(repeating: "k", count: 129))], field: "idempotencyKey"),
            refused(
                "idempotency-key-space", "idempotencyKey is printable ASCII other than space",
                ["idempotencyKey": "a b"], field: "idempotencyKey"),
            refused(
                "idempotency-key-non-ascii", "idempotencyKey is printable ASCII (0x21-0x7E): é is refused",
                ["idempotencyKey": "clé"], field: "idempotencyKey"),
            refused(
                "idempotency-key-number", "idempotencyKey must be a string", ["idempotencyKey": 12],
                field: "idempotencyKey"),
            refused(
                "traceparent-uppercase", "traceparent is lowercase hex",
                ["traceparent": "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01"], field: "traceparent"),
            refused(
                "traceparent-malformed", "traceparent is 00-<32 hex>-<16 hex>-<2 hex>",
                ["traceparent": "00-abc-def-01"], field: "traceparent"),
            refused(
                "stream-window-zero", "streamWindow is in 1...10000: 0 is refused", ["streamWindow": 0],
                field: "streamWindow"),
            refused(
                "stream-window-too-large", "streamWindow is in 1...10000: 10001 is refused", ["streamWindow": 10001],
                field: "streamWindow"),
            refused(
                "custom-key-number", "any other key must have a string value: a number is -32600 naming the key",
                ["tenant": 7], field: "tenant"),
            refused(
                "custom-key-object", "any other key must have a string value: an object is -32600 naming the key",
                ["tenant": ["a": "b"]], field: "tenant"),
        ]
    }

    static var wellFormed: [ConformanceCase] {
        [
            allowed("timeout-max", "timeoutMs 2147483647 is in range", ["timeoutMs": 2_147_483_647]),
            allowed(
                "idempotency-key-128",
                "an idempotencyKey of 128 printable characters is valid (and ignored by a non-mutating method)",
                ["idempotencyKey": .string(String(repeating: "~", count: 64) + String(repeating: "!", count: 64))]),
            allowed(
                "traceparent-valid", "a well-formed traceparent is accepted",
                ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]),
            allowed(
                "stream-window-on-unary", "streamWindow in range is ignored on unary calls", ["streamWindow": 10000]),
            allowed(
                "authorization-ignored", "a method that needs no token ignores a malformed authorization string (§12)",
                ["authorization": "Basic nonsense"]),
            allowed("empty-object", "meta {} is the same as no meta", [:]),
        ]
    }

    static let passThrough = ConformanceCase(
        "wire.meta.custom-keys-pass-through",
        rule:
            "WIRE.md §4, §14.3: keys other than the five known ones reach the handler unchanged; known keys are not among them",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let meta: JSONObject = [
            "tenant": "t-1", "note": "é \"q\"\n", "timeoutMs": 60000,
            "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "idempotencyKey": "k-1", "streamWindow": 4, "authorization": "Bearer whatever",
        ]
        try connection.send(WireCheck.echo, id: 1, params: [:], meta: meta)
        let result = try context.expectResult(try connection.readResponse(id: 1))
        let expected: JSONValue = ["tenant": "t-1", "note": "é \"q\"\n"]
        try context.expect(
            WireCheck.identical(result["meta"] ?? .null, expected),
            "expected result.meta \(expected), got \(result["meta"] ?? .null)")
    }

    static let caseSensitiveKey = ConformanceCase(
        "wire.meta.keys-case-sensitive",
        rule: "WIRE.md §4: keys are case-sensitive: \"TimeoutMs\" is a custom key, passed through when a string",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: [:], meta: ["TimeoutMs": "0"])
        let result = try context.expectResult(try connection.readResponse(id: 1))
        try context.expect(
            result["meta"] == ["TimeoutMs": "0"],
            "expected result.meta {\"TimeoutMs\":\"0\"}, got \(result["meta"] ?? .null)")
    }

    /// `count` custom keys `k0`, `k1`, ... with the value "v".
    static func keys(_ count: Int) -> JSONObject {
        JSONObject((0..<count).map { .init(key: "k\($0)", value: "v") })
    }

    static let keysAtLimit = ConformanceCase(
        "wire.meta.keys-at-limit",
        rule: "WIRE.md §4, §15: meta may hold maxMetaKeys (64) keys, known keys included",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        var meta = keys(63)
        meta["timeoutMs"] = 60000
        try connection.send(WireCheck.echo, id: 1, params: [:], meta: meta)
        try context.expectResult(try connection.readResponse(id: 1))
    }

    static let keysOverLimit = ConformanceCase(
        "wire.meta.keys-over-limit",
        rule:
            "WIRE.md §4, §3.4 step 6: 65 keys (known keys included) are 8 RESOURCE_EXHAUSTED naming meta, the limit 64 and the size 65",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        var meta = keys(64)
        meta["timeoutMs"] = 60000
        try connection.send(WireCheck.echo, id: 1, params: [:], meta: meta)
        let error = try context.expectError(
            try connection.readResponse(id: 1), code: 8, status: "RESOURCE_EXHAUSTED", field: "meta")
        try context.expectMessage(error, contains: "64", "65")
    }

    /// `{"k":"aaa…"}` whose compact encoding is exactly `bytes` bytes.
    static func metaOfSize(_ bytes: Int) -> JSONObject { ["k": .string(String(repeating: "a", count: bytes - 8))] }

    static let bytesAtLimit = ConformanceCase(
        "wire.meta.bytes-at-limit",
        rule: "WIRE.md §4, §15: a meta whose compact encoding is exactly maxMetaBytes (8192) is accepted",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        let meta = metaOfSize(8192)
        try context.expect(JSONValue.object(meta).encodedBytes.count == 8192, "suite bug: meta is not 8192 bytes")
        try connection.send(WireCheck.echo, id: 1, params: [:], meta: meta)
        try context.expectResult(try connection.readResponse(id: 1))
    }

    static let bytesOverLimit = ConformanceCase(
        "wire.meta.bytes-over-limit",
        rule:
            "WIRE.md §4, §3.4 step 6: a meta of 8193 compact bytes is 8 RESOURCE_EXHAUSTED naming meta, the limit 8192 and the size 8193",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.send(WireCheck.echo, id: 1, params: [:], meta: metaOfSize(8193))
        let error = try context.expectError(
            try connection.readResponse(id: 1), code: 8, status: "RESOURCE_EXHAUSTED", field: "meta")
        try context.expectMessage(error, contains: "8192", "8193")
    }
}

import FramedJSON

/// WIRE.md §3.1: payloads are RFC 8259 JSON read strictly.
enum JSONTextCases {
    static var all: [ConformanceCase] {
        refused + accepted + [hostileNesting, truncatedExample, duplicateMember, duplicateID, duplicateMethod]
    }

    private static func string(_ bytes: [UInt8]) -> [UInt8] { [0x22] + bytes + [0x22] }

    /// Payloads that must be parse errors. The broken value sits in `$/ping`'s ignored params,
    /// so a lenient reader would answer `{}` with id 1 instead of -32700 with id null.
    static var refused: [ConformanceCase] {
        let p = WireCheck.ping(x:) as ([UInt8]) -> [UInt8]
        let t = WireCheck.ping(x:) as (String) -> [UInt8]
        let valid = Array(#"{"jsonrpc":"2.0","id":1,"method":"$/ping"}"#.utf8)
        let deep = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        return [
            WireCheck.parseError(
                "utf8.lone-continuation-byte", "invalid UTF-8 (a lone continuation byte 0x80) is a parse error",
                p(string([0x61, 0x80, 0x62]))),
            WireCheck.parseError(
                "utf8.overlong-2-byte", "an overlong form (C0 AF for '/') is a parse error", p(string([0xC0, 0xAF]))),
            WireCheck.parseError(
                "utf8.overlong-3-byte", "an overlong 3-byte form (E0 80 AF) is a parse error",
                p(string([0xE0, 0x80, 0xAF]))),
            WireCheck.parseError(
                "utf8.encoded-surrogate", "an encoded surrogate (ED A0 80) is a parse error",
                p(string([0xED, 0xA0, 0x80]))),
            WireCheck.parseError(
                "utf8.byte-f5", "the byte 0xF5 is a parse error", p(string([0xF5, 0x80, 0x80, 0x80]))),
            WireCheck.parseError("utf8.byte-ff", "the byte 0xFF is a parse error", p(string([0xFF]))),
            WireCheck.parseError(
                "utf8.above-u10ffff", "a 4-byte sequence above U+10FFFF (F4 90 80 80) is a parse error",
                p(string([0xF4, 0x90, 0x80, 0x80]))),
            WireCheck.parseError(
                "utf8.truncated-sequence", "a truncated sequence (E2 82 then a quote) is a parse error",
                p(string([0xE2, 0x82]))),
            WireCheck.parseError(
                "utf8.invalid-in-member-name", "invalid UTF-8 anywhere, here in a member name, is a parse error",
                Array(#"{"jsonrpc":"2.0","id":1,"method":"$/ping","params":{"#.utf8) + string([0x78, 0xFE])
                    + Array(":1}}".utf8)),
            WireCheck.parseError(
                "bom", "UTF-8 without a byte-order mark: a leading EF BB BF is a parse error",
                [0xEF, 0xBB, 0xBF] + valid),
            WireCheck.parseError(
                "lone-high-surrogate", "a lone surrogate escape \\uD800 is a parse error", t(#""\uD800""#)),
            WireCheck.parseError(
                "lone-low-surrogate", "a lone surrogate escape \\uDC00 is a parse error", t(#""\uDC00""#)),
            WireCheck.parseError(
                "reversed-surrogates", "\\uDC00\\uD800 is not a high-low pair: a parse error", t(#""\uDC00\uD800""#)),
            WireCheck.parseError(
                "high-surrogate-then-letter", "\\uD800 followed by \\u0041 is not a pair: a parse error",
                t(#""\uD800\u0041""#)),
            WireCheck.parseError(
                "raw-control-char", "control characters must be escaped: a raw 0x01 in a string is a parse error",
                p(string([0x61, 0x01]))),
            WireCheck.parseError("raw-nul", "a raw 0x00 in a string is a parse error", p(string([0x61, 0x00, 0x62]))),
            WireCheck.parseError(
                "raw-newline-in-string", "a raw line feed in a string is a parse error", p(string([0x61, 0x0A, 0x62]))),
            WireCheck.parseError(
                "raw-tab-in-string", "a raw tab (U+0009) in a string is a parse error", p(string([0x61, 0x09, 0x62]))),
            WireCheck.parseError("escape-unknown", "only RFC 8259 escapes: \\x41 is a parse error", t(#""\x41""#)),
            WireCheck.parseError("escape-single-quote", "only RFC 8259 escapes: \\' is a parse error", t(#""\'""#)),
            WireCheck.parseError(
                "escape-short-unicode", "\\u needs four hex digits: \\u12 is a parse error", t(#""\u12""#)),
            WireCheck.parseError("single-quoted-string", "strings are double-quoted: 'a' is a parse error", t("'a'")),
            WireCheck.parseError("leading-zero", "no leading zeros: 01 is a parse error", t("01")),
            WireCheck.parseError("leading-plus", "a number has no leading +: +1 is a parse error", t("+1")),
            WireCheck.parseError("bare-fraction", "a number needs an integer part: .5 is a parse error", t(".5")),
            WireCheck.parseError("dangling-point", "a fraction needs digits: 1. is a parse error", t("1.")),
            WireCheck.parseError("hex-number", "no hexadecimal numbers: 0x10 is a parse error", t("0x10")),
            WireCheck.parseError("trailing-comma-array", "no trailing commas: [1,] is a parse error", t("[1,]")),
            WireCheck.parseError(
                "trailing-comma-object", "no trailing commas: {\"a\":1,} is a parse error", t(#"{"a":1,}"#)),
            WireCheck.parseError("block-comment", "no comments: /* */ is a parse error", t("/* c */ 1")),
            WireCheck.parseError("line-comment", "no comments: // is a parse error", t("// c\n1")),
            WireCheck.parseError("nan", "no NaN", t("NaN")),
            WireCheck.parseError("infinity", "no Infinity", t("Infinity")),
            WireCheck.parseError(
                "number-too-large", "a number too large for a double (1e999) is a parse error", t("1e999")),
            WireCheck.parseError(
                "unquoted-member-name", "member names are strings: {x:1} is a parse error", t("{x:1}")),
            WireCheck.parseError("misspelt-literal", "tru is not a literal", t("tru")),
            WireCheck.parseError(
                "trailing-garbage", "nothing but whitespace after the value: a trailing x is a parse error",
                valid + Array(" x".utf8)),
            WireCheck.parseError(
                "two-values", "exactly one JSON text per frame: two objects are a parse error", valid + valid),
            WireCheck.parseError(
                "whitespace-only", "a frame of only whitespace holds no JSON text: a parse error", [0x20]),
            WireCheck.parseError(
                "depth-65",
                "nesting is limited to 64 levels (outermost = 1): 65 levels is a parse error naming the limit",
                t("[" + deep + "]"), messageContains: ["nesting deeper than the limit of 64"]),
        ]
    }

    /// Valid JSON that must be read as RFC 8259 says (echoed back by `Conformance.Echo`).
    static var accepted: [ConformanceCase] {
        // Envelope (1) > params (2) > 62 arrays: 64 levels, the deepest allowed.
        let deepest = String(repeating: "[", count: 62) + String(repeating: "]", count: 62)
        var nested: JSONValue = .array([])
        for _ in 1..<62 { nested = .array([nested]) }
        return [
            WireCheck.echoes(
                "surrogate-pair", "a high-low surrogate pair escape \\uD83D\\uDE00 is one character (U+1F600)",
                #""\uD83D\uDE00""#, "😀"),
            WireCheck.echoes(
                "escapes", "the RFC 8259 escapes decode as defined", #""\"\\\/\b\f\n\r\t\u0041\u00e9""#,
                .string("\"\\/\u{8}\u{C}\n\r\tAé")),
            WireCheck.echoes(
                "escaped-nul", "an escaped U+0000 is a valid character", #""a\u0000b""#, .string("a\u{0}b")),
            WireCheck.echoes(
                "raw-unicode", "raw UTF-8 of every length (é, €, 😀) and U+2028 are valid in strings", "\"é€😀\u{2028}\"",
                .string("é€😀\u{2028}")),
            WireCheck.echoes(
                "no-normalization", "strings are not normalised: e + U+0301 stays two code points", "\"e\u{301}\"",
                .string("e\u{301}")),
            WireCheck.echoes(
                "int64-max", "an integer that fits in 64 bits keeps its exact value: 9223372036854775807",
                "9223372036854775807", .int(Int64.max)),
            WireCheck.echoes(
                "int64-min", "an integer that fits in 64 bits keeps its exact value: -9223372036854775808",
                "-9223372036854775808", .int(Int64.min)),
            WireCheck.echoes(
                "int-beyond-double-precision", "9007199254740993 keeps its exact value (a double would round it)",
                "9007199254740993", .int(9_007_199_254_740_993)),
            WireCheck.echoes(
                "int-beyond-int64", "an integer outside 64 bits is read as a double", "18446744073709551616",
                .double(18_446_744_073_709_551_616)),
            WireCheck.echoes(
                "number-forms", "fractions, exponents and negative zero are numbers", "[-0.5,1E+2,2e-1,0]",
                [.double(-0.5), .double(100), .double(0.2), .int(0)]),
            WireCheck.echoes(
                "all-whitespace-kinds", "space, tab, line feed and carriage return are whitespace between tokens",
                "[ 1 ,\t2\n,\r3 ]", [1, 2, 3]),
            WireCheck.echoes(
                "depth-64", "64 levels of nesting (the limit, outermost = 1) are accepted", deepest, nested),
            WireCheck.echoes(
                "member-order", "member order carries no meaning; objects keep their values", #"{"b":1,"a":2}"#,
                ["b": 1, "a": 2]),
        ]
    }

    static let hostileNesting = ConformanceCase(
        "wire.json.hostile-nesting",
        rule:
            "WIRE.md §3.1: 200,000 nested [ fail fast with -32700 naming the depth limit, and the connection stays usable"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(payload: [UInt8](repeating: UInt8(ascii: "["), count: 200_000))
        let error = try context.expectParseError(try WireCheck.nextResponse(connection, context, timeout: .seconds(5)))
        try context.expectMessage(error, contains: "nesting deeper than the limit of 64")
        try connection.expectAlive()
    }

    static let truncatedExample = ConformanceCase(
        "wire.json.truncated-example",
        rule:
            "WIRE.md §3.4 step 1, §16.2: {\"jsonrpc\":\"2.0\",\"id\":9, is -32700 with id null, the message giving the byte offset 24; the connection stays open"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"{"jsonrpc":"2.0","id":9,"#)
        let error = try context.expectParseError(try WireCheck.nextResponse(connection, context))
        try context.expectMessage(error, contains: "24")
        try connection.expectAlive()
    }

    static let duplicateMember = ConformanceCase(
        "wire.json.duplicate-member-first-wins",
        rule: "WIRE.md §3.1: when a member name repeats the receiver uses the first occurrence and ignores the others: "
            + "Echo of {\"a\":\"first\",\"a\":\"second\"} gives back {\"a\":\"first\"}",
        requires: [.conformanceService]
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(payload: WireCheck.echo(message: #"{"a":"first","a":"second"}"#))
        let frame = try connection.readFrame(what: "the response with id 1") { $0.isResponse(to: 1) }
        let message = try context.expectResult(frame.object ?? [:])["message"] ?? .null
        // The suite's own parser also keeps the first occurrence, so look at the bytes too.
        try context.expect(
            message == ["a": "first"] && !frame.text.contains("second"),
            "expected the message {\"a\":\"first\"} back, got the bytes \(frame.text)")
    }

    static let duplicateID = ConformanceCase(
        "wire.json.duplicate-id-first-wins",
        rule:
            "WIRE.md §3.1: a repeated member name uses the first occurrence: {\"id\":1,...,\"id\":2} is answered with id 1"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"{"jsonrpc":"2.0","id":1,"method":"$/ping","id":2}"#)
        let response = try WireCheck.nextResponse(connection, context)
        try context.expectID(response, 1)
        try context.expectResult(response)
    }

    static let duplicateMethod = ConformanceCase(
        "wire.json.duplicate-method-first-wins",
        rule:
            "WIRE.md §3.1: a repeated member name uses the first occurrence: method $/ping then Nope.Nothing runs $/ping"
    ) { context in
        let connection = try context.connect()
        try connection.writeFrame(#"{"jsonrpc":"2.0","id":1,"method":"$/ping","method":"Nope.Nothing"}"#)
        let result = try context.expectResult(try WireCheck.nextResponse(connection, context))
        try context.expect(result == .object([:]), "expected $/ping's {}, got \(result)")
    }
}

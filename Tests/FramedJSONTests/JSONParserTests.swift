import FramedJSON
import Testing

/// One parser input: raw bytes (so invalid UTF-8 can be expressed) and a readable label.
struct ParserInput: Sendable, CustomTestStringConvertible {
    let label: String
    let bytes: [UInt8]

    init(_ text: String) {
        label = text
        bytes = Array(text.utf8)
    }

    init(_ label: String, bytes: [UInt8]) {
        self.label = label
        self.bytes = bytes
    }

    var testDescription: String { label }
}

@Suite("JSON parser (RFC 8259, strict)")
struct JSONParserTests {
    let parser = JSONParser()

    @Test(
        "accepts well-formed documents and reads them exactly",
        arguments: [
            ("null", JSONValue.null),
            ("true", .bool(true)),
            ("false", .bool(false)),
            ("0", .int(0)),
            ("-0", .int(0)),
            ("-0.0", .double(-0.0)),
            ("42", .int(42)),
            ("-42", .int(-42)),
            ("9223372036854775807", .int(Int64.max)),
            ("-9223372036854775808", .int(Int64.min)),
            ("1.5", .double(1.5)),
            ("1e3", .double(1000)),
            ("1E3", .double(1000)),
            ("1e+3", .double(1000)),
            ("1e-3", .double(0.001)),
            ("-2.5E-2", .double(-0.025)),
            ("0e0", .double(0)),
            ("1e07", .double(1e7)),
            (#""""#, .string("")),
            (#""a\/b""#, .string("a/b")),
            (#""\u00e9\u20AC""#, .string("é€")),
            (#""\ud83d\ude00""#, .string("😀")),
            (#""😀""#, .string("😀")),
            ("[]", .array([])),
            ("{}", .object(JSONObject())),
            (" \t\r\n[ 1 , 2 ]\n ", .array([.int(1), .int(2)])),
            (#"{"a":[true,{"b":null}]}"#, ["a": [true, ["b": nil]]]),
        ] as [(String, JSONValue)]
    )
    func accepts(text: String, expected: JSONValue) throws {
        let value = try parser.parse(Array(text.utf8))
        #expect(value == expected)
    }

    @Test("keeps the sign of -0.0 and reads -0 as integer zero")
    func negativeZero() throws {
        let double = try parser.parse("-0.0")
        guard case .double(let d) = double else {
            Issue.record("expected a double, got \(double)")
            return
        }
        #expect(d == 0 && d.sign == .minus)
        #expect(try parser.parse("-0") == .int(0))
    }

    @Test(
        "integers beyond Int64 fall back to the nearest double",
        arguments: [
            ("9223372036854775808", 9_223_372_036_854_775_808.0),
            ("-9223372036854775809", -9_223_372_036_854_775_809.0),
            ("18446744073709551616", 18_446_744_073_709_551_616.0),
            ("123456789012345678901234567890", 1.2345678901234568e29),
        ] as [(String, Double)]
    )
    func bigIntegers(text: String, expected: Double) throws {
        #expect(try parser.parse(text) == .double(expected))
    }

    @Test(
        "rejects malformed documents",
        arguments: [
            ParserInput(""),
            ParserInput("   "),
            ParserInput("01"),
            ParserInput("-01"),
            ParserInput("00"),
            ParserInput("+1"),
            ParserInput(".5"),
            ParserInput("1."),
            ParserInput("1.e3"),
            ParserInput("1e"),
            ParserInput("1e+"),
            ParserInput("-"),
            ParserInput("0x10"),
            ParserInput("NaN"),
            ParserInput("Infinity"),
            ParserInput("1e999"),
            ParserInput("[1,]"),
            ParserInput("[1,,2]"),
            ParserInput("[,1]"),
            ParserInput(#"{"a":1,}"#),
            ParserInput(#"{"a" 1}"#),
            ParserInput(#"{a:1}"#),
            ParserInput(#"{'a':1}"#),
            ParserInput(#"{"a":1"#),
            ParserInput("[1"),
            ParserInput("[1 2]"),
            ParserInput("tru"),
            ParserInput("True"),
            ParserInput("nul"),
            ParserInput("[1] [2]"),
            ParserInput("{} x"),
            ParserInput(#""abc"#),
            ParserInput(#""\x41""#),
            ParserInput(#""\u12""#),
            ParserInput(#""\u12G4""#),
            ParserInput(#""\ud800""#),
            ParserInput(#""\ud800x""#),
            ParserInput(#""\ud800\u0041""#),
            ParserInput(#""\udc00""#),
            ParserInput(#""\ude00\ud83d""#),
            ParserInput("raw tab in a string", bytes: Array("\"a\tb\"".utf8)),
            ParserInput("raw newline in a string", bytes: Array("\"a\nb\"".utf8)),
            ParserInput("raw NUL in a string", bytes: [0x22, 0x00, 0x22]),
            ParserInput("raw 0x1F after an escape", bytes: Array(#""\n"#.utf8) + [0x1F, 0x22]),
            ParserInput("invalid UTF-8 0xFF in a string", bytes: [0x22, 0xFF, 0x22]),
            ParserInput("truncated 2-byte sequence", bytes: [0x22, 0xC3, 0x22]),
            ParserInput("overlong encoding of '/'", bytes: [0x22, 0xC0, 0xAF, 0x22]),
            ParserInput("UTF-8 encoded lone surrogate", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]),
            ParserInput("code point above U+10FFFF", bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]),
            ParserInput("invalid UTF-8 after an escape", bytes: Array(#""\t"#.utf8) + [0xFE, 0x22]),
            ParserInput("byte 0xFF outside a string", bytes: [0x5B, 0xFF, 0x5D]),
            ParserInput("UTF-8 byte order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8)),
        ]
    )
    func rejects(input: ParserInput) {
        #expect(throws: JSONParseError.self) { try parser.parse(input.bytes) }
    }

    @Test(
        "errors name the byte offset of the problem",
        arguments: [
            (#"{"a":1,}"#, 7, "expected a member name"),
            ("[1,]", 3, "unexpected character ']'"),
            ("01", 0, "leading zeros are not allowed"),
            ("[1] x", 4, "unexpected data after the JSON value"),
            (#"["ok","\ud800"]"#, 7, "unpaired surrogate in \\u escape"),
        ] as [(String, Int, String)]
    )
    func errorOffsets(text: String, offset: Int, reason: String) {
        #expect(throws: JSONParseError(reason: reason, offset: offset)) { try parser.parse(text) }
    }

    @Test("invalid UTF-8 is reported as such, not as a grammar error")
    func invalidUTF8Reason() throws {
        let error = try #require(throws: JSONParseError.self) { try parser.parse([0x22, 0x61, 0xFF, 0x22]) }
        #expect(error.reason == "invalid UTF-8 in a string")
        #expect(!error.isLimit)
    }

    @Test("a repeated member name keeps its first occurrence and the others are dropped (WIRE.md §3.1)")
    func duplicateKeys() throws {
        let value = try parser.parse(#"{"a":1,"b":2,"a":3}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .int(1))
        #expect(value["a"] == .int(1))
    }

    @Test("repeats in an object of many members are dropped too, in time linear in the input")
    func duplicateKeysInLargeObject() throws {
        let members = (0..<50_000).map { "\"k\($0 % 1000)\":\($0)" }.joined(separator: ",")
        let object = try #require(try parser.parse("{" + members + "}").objectValue)
        #expect(object.count == 1000)
        #expect(object["k7"] == .int(7))
    }

    @Test("a repeat is dropped whatever the object's size and wherever the first stands, escaped names included")
    func duplicateKeysAtEveryPosition() throws {
        for size in 1...40 {
            for repeated in 0..<size {
                var members = (0..<size).map { #""name\#($0)":\#($0)"# }
                members.append(#""\u006eame\#(repeated)":-1"#)
                let object = try #require(try parser.parse("{" + members.joined(separator: ",") + "}").objectValue)
                #expect(object.count == size)
                #expect(object["name\(repeated)"] == .int(Int64(repeated)))
            }
        }
    }

    @Test("each object and array keeps its own members and elements, however they nest and repeat names")
    func nestedContainersKeepTheirOwn() throws {
        let text = #"{"a":{"a":1,"b":[{"a":2},[],{"b":3,"b":4}],"c":{}},"b":[1,[2,[3]],{"a":5}],"a":6,"c":7}"#
        let expected: JSONValue = [
            "a": ["a": 1, "b": [["a": 2], [], ["b": 3]], "c": [:]],
            "b": [1, [2, [3]], ["a": 5]],
            "c": 7,
        ]
        #expect(try parser.parse(text) == expected)
        let many = "[" + (0..<40).map { #"{"k\#($0)":[\#($0)],"k\#($0)":0}"# }.joined(separator: ",") + "]"
        let elements = try #require(try parser.parse(many).arrayValue)
        #expect(elements.count == 40)
        #expect(elements[39] == ["k39": [39]])
    }

    @Test("200,000 nested arrays fail with a limit error instead of crashing")
    func hostileDepth() throws {
        let depth = 200_000
        let bytes =
            [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        let error = try #require(throws: JSONParseError.self) { try parser.parse(bytes) }
        #expect(error.isLimit)
        #expect(error.reason == "nesting deeper than the limit of 64")
        #expect(error.offset == 64)
    }

    @Test("200,000 nested objects fail with a limit error too")
    func hostileObjectDepth() throws {
        let depth = 200_000
        let bytes = Array(String(repeating: #"{"a":"#, count: depth).utf8)
        let error = try #require(throws: JSONParseError.self) { try parser.parse(bytes) }
        #expect(error.isLimit)
    }

    @Test("exactly maxDepth levels are accepted; one more is rejected", arguments: [1, 2, 64])
    func depthBoundary(maxDepth: Int) throws {
        let parser = JSONParser(maxDepth: maxDepth)
        func nested(_ levels: Int) -> String {
            String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
        }
        _ = try parser.parse(nested(maxDepth))
        let error = try #require(throws: JSONParseError.self) { try parser.parse(nested(maxDepth + 1)) }
        #expect(error.isLimit)
        #expect(error.reason == "nesting deeper than the limit of \(maxDepth)")
        // Scalars inside the deepest container do not add a level.
        _ = try parser.parse(String(repeating: "[", count: maxDepth) + "1" + String(repeating: "]", count: maxDepth))
    }

    @Test("parses a non-contiguous collection the same as an array")
    func nonContiguousInput() throws {
        let text = #"{"k":[1,"two",3.5]}"#
        let lazy = text.utf8.lazy.map { $0 }
        #expect(try parser.parse(lazy) == parser.parse(text))
        #expect(try parser.parse(text.utf8) == parser.parse(text))
    }
}

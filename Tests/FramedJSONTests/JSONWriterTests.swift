import FramedJSON
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test(
        "writes each value as exact compact JSON",
        arguments: [
            (JSONValue.null, "null"),
            (.bool(true), "true"),
            (.bool(false), "false"),
            (.int(0), "0"),
            (.int(7), "7"),
            (.int(-7), "-7"),
            (.int(Int64.max), "9223372036854775807"),
            (.int(Int64.min), "-9223372036854775808"),
            (.double(1.5), "1.5"),
            (.double(-0.25), "-0.25"),
            (.double(3.0), "3"),
            (.double(-0.0), "0"),
            (.double(0.1), "0.1"),
            (.double(1e15), "1000000000000000.0"),
            (.double(1e16), "1e+16"),
            (.double(-1.5e300), "-1.5e+300"),
            (.double(.leastNonzeroMagnitude), "5e-324"),
            (.double(999_999_999_999_999.0), "999999999999999"),
            (.double(1e-7), "1e-07"),
            (.double(.infinity), "null"),
            (.double(-.infinity), "null"),
            (.double(.nan), "null"),
            (.string(""), #""""#),
            (.string("plain"), #""plain""#),
            (.string("a\"b\\c/d"), #""a\"b\\c/d""#),
            (.string("\t\n\r\u{08}\u{0C}"), #""\t\n\r\b\f""#),
            (.string("\u{00}\u{01}\u{1F}\u{7F}"), #""\u0000\u0001\u001f\#u{7F}""#),
            (.string("é€😀"), "\"é€😀\""),
            (.array([]), "[]"),
            (.array([.int(1), .null, .string("x"), .array([])]), #"[1,null,"x",[]]"#),
            (.object(JSONObject()), "{}"),
            (["b": 1, "a": [true, ["c": nil]]], #"{"b":1,"a":[true,{"c":null}]}"#),
            (["k\"ey": "v"], #"{"k\"ey":"v"}"#),
        ] as [(JSONValue, String)]
    )
    func exactOutput(value: JSONValue, expected: String) {
        #expect(value.encodedString == expected)
        #expect(value.encodedBytes == Array(expected.utf8))
    }

    @Test(
        "every finite double is written as valid JSON that reads back to the same value",
        arguments: [
            0.1, -2.5e-8, 1e15, 1e16, 123_456_789.125, 9.007199254740993e15, 1.7976931348623157e308,
            .leastNonzeroMagnitude, 1e21,
        ]
    )
    func doubleRoundTrip(value: Double) throws {
        let parsed = try JSONParser().parse(JSONValue.double(value).encodedBytes)
        switch parsed {
        case .double(let d): #expect(d == value)
        case .int(let i): #expect(Double(i) == value)
        default: Issue.record("expected a number, got \(parsed)")
        }
    }

    @Test("places commas between members and elements, never after the last")
    func commas() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("id")
        writer.int(7)
        writer.key("tags")
        writer.beginArray()
        writer.string("a")
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.double(2.5)
        writer.endArray()
        writer.key("nothing" as String)
        writer.null()
        writer.key("ok")
        writer.bool(true)
        writer.key("raw")
        writer.raw(Array(#"{"x":1}"#.utf8))
        writer.endObject()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #"{"id":7,"tags":["a",{},[],2.5],"nothing":null,"ok":true,"raw":{"x":1}}"#)
    }

    @Test("member(_:_:) writes present values and skips nil")
    func optionalMembers() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("a", Optional("x"))
        writer.member("b", String?.none)
        writer.member("c", Optional(Int64(3)))
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":"x","c":3}"#)
    }

    @Test("appends after existing bytes, e.g. a reserved frame header")
    func appending() {
        var writer = JSONWriter(appendingTo: [0, 0, 0, 0])
        writer.value(["a": 1])
        #expect(writer.bytes == [0, 0, 0, 0] + Array(#"{"a":1}"#.utf8))
    }

    @Test("encodable arrays and optionals write themselves")
    func encodables() {
        #expect(String(decoding: ["a", "b"].jsonBytes(), as: UTF8.self) == #"["a","b"]"#)
        #expect(String(decoding: [Int64(1), 2].jsonBytes(), as: UTF8.self) == "[1,2]")
        #expect(String(decoding: String?.none.jsonBytes(), as: UTF8.self) == "null")
        #expect(String(decoding: true.jsonBytes(), as: UTF8.self) == "true")
    }
}

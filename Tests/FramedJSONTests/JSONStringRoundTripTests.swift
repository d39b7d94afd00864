import FramedJSON
import Testing

@Suite("JSON string escapes round-trip")
struct JSONStringRoundTripTests {
    static let samples: [String] = [
        "",
        "tab\there",
        "line one\nline two\r\n",
        #"she said "hi""#,
        #"back\slash and /slash"#,
        "emoji 😀 and flags 🇮🇹 and ZWJ 👩‍💻",
        "nul \u{0} inside",
        "every control: \u{01}\u{02}\u{03}\u{04}\u{05}\u{06}\u{07}\u{08}\u{0B}\u{0C}\u{0E}\u{1F}",
        "delete \u{7F} and line separator \u{2028}",
        "Привет, hej, ciao: è à ö",
        "status message with\ttabs,\nnewlines and 🚀",
    ]

    @Test("a string written then parsed is the same string", arguments: samples)
    func writeThenParse(text: String) throws {
        let encoded = JSONValue.string(text).encodedBytes
        #expect(try JSONParser().parse(encoded) == .string(text))
    }

    @Test("written strings carry no raw control characters", arguments: samples)
    func noRawControls(text: String) {
        let encoded = JSONValue.string(text).encodedBytes
        #expect(!encoded.contains { $0 < 0x20 })
    }

    @Test(
        "escaped input decodes to the expected text, and re-encodes canonically",
        arguments: [
            (#""\t""#, "\t", #""\t""#),
            (#""\u0009""#, "\t", #""\t""#),
            (#""\n\r\b\f""#, "\n\r\u{08}\u{0C}", #""\n\r\b\f""#),
            (#""\"""#, "\"", #""\"""#),
            (#""\\""#, "\\", #""\\""#),
            (#""\/""#, "/", #""/""#),
            (#""\u0000""#, "\u{0}", #""\u0000""#),
            (#""\u001F""#, "\u{1F}", #""\u001f""#),
            (#""\u0041\u00e9""#, "Aé", "\"Aé\""),
            (#""\uD83D\uDE80""#, "🚀", "\"🚀\""),
            (#""a\u2028b""#, "a\u{2028}b", "\"a\u{2028}b\""),
        ] as [(String, String, String)]
    )
    func escapes(input: String, text: String, canonical: String) throws {
        let value = try JSONParser().parse(input)
        #expect(value == .string(text))
        #expect(value.encodedString == canonical)
    }

    @Test("object keys are escaped and round-trip too")
    func keys() throws {
        let object: JSONValue = .object(JSONObject([.init(key: "we\"ird\tkey 😀", value: .int(1))]))
        let parsed = try JSONParser().parse(object.encodedBytes)
        #expect(parsed == object)
    }
}

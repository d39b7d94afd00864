import FramedJSON
import Testing

@Suite("Raw JSON values (validated bytes, no tree)")
struct JSONRawValueTests {
    static let documents: [String] = [
        "null", "true", "false", "0", "-0", "-0.0", "42", "-42", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "123456789012345678901234567890", "1.5", "1e3", "1E-2", "1e999", "-1e400", "1e-400",
        #""""#, #""abc""#, #""\"\\\/\b\f\n\r\t""#, #""\u00e9\ud83d\ude00""#, #""\ud800""#, #""\udc00""#,
        "\"é日本😀\"", #"{}"#, #"[]"#, #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        #"{"jsonrpc":"2.0","id":7,"method":"Conformance.Echo","params":{"message":"hi"}}"#,
        #" { "a" : [ 1 , 2 ] , "b" : { } } "#, #"{"a":1,}"#, "[1,]", "01", "-01", "1.", "1.e3", "1e", "-", "+1",
        "tru", "nul", #"{"a" 1}"#, #"{a:1}"#, "[1 2]", "{} x", #""\x41""#, #""\u12G4""#, #"{"k":"v""#,
    ]

    /// Scanning agrees with `JSONParser`: same documents accepted, and an object's members are
    /// where the parser puts them.
    @Test("accepts exactly what JSONParser accepts", arguments: documents)
    func agreesWithParser(text: String) {
        let bytes = Array(text.utf8)
        for candidate in [bytes, Array(#"{"v":"#.utf8) + bytes + Array("}".utf8)] {
            let parsed = try? JSONParser().parse(candidate)
            switch try? JSONRawDocument(scanning: candidate, maxDepth: 64) {
            case nil: #expect(parsed == nil, "scan rejected \(text)")
            case .array?, .scalar?: #expect(parsed != nil && parsed?.objectValue == nil, "\(text)")
            case .object(let object)?:
                let tree = try? #require(parsed?.objectValue)
                #expect(object.count == tree?.count)
                for i in 0..<object.count {
                    #expect(object.key(at: i) == tree?.members[i].key)
                    #expect(object.value(at: i).parse() == tree?.members[i].value)
                }
            }
        }
    }

    @Test("invalid bytes: the same verdict as the parser for thousands of mutated requests")
    func mutatedDocuments() {
        let seeds = [
            #"{"jsonrpc":"2.0","id":"a\u00e9","method":"M.N","params":{"x":[1,2.5e3,{"y":null}],"s":"é\n"},"meta":{}}"#,
            #"{"a":[[[{"b":"\ud83d\ude00"}]]],"n":-12.5E+3,"t":true}"#,
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let alphabet =
            Array(#"{}[]",:\u0123456789abcdefABCDEF.eE+-tnrfl "#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        var disagreements: [String] = []
        for seed in seeds {
            let original = Array(seed.utf8)
            for _ in 0..<3000 {
                var bytes = original
                for _ in 0..<(1 + Int(next() % 3)) {
                    let position = Int(next() % UInt64(bytes.count))
                    switch next() % 3 {
                    case 0: bytes[position] = alphabet[Int(next() % UInt64(alphabet.count))]
                    case 1: bytes.remove(at: position)
                    default: bytes.insert(alphabet[Int(next() % UInt64(alphabet.count))], at: position)
                    }
                }
                let parsed = (try? JSONParser(maxDepth: 3).parse(bytes)) != nil
                let scanned = (try? JSONRawDocument(scanning: bytes, maxDepth: 3)) != nil
                if parsed != scanned { disagreements.append(String(decoding: bytes, as: UTF8.self)) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test("depth: exactly maxDepth levels are accepted, one more is not", arguments: [1, 2, 64])
    func depth(maxDepth: Int) {
        func nested(_ levels: Int) -> [UInt8] {
            Array(
                (String(repeating: "{\"a\":", count: levels - 1) + "{}" + String(repeating: "}", count: levels - 1))
                    .utf8)
        }
        if (try? JSONRawDocument(scanning: nested(maxDepth), maxDepth: maxDepth)) == nil {
            Issue.record("\(maxDepth) levels rejected")
        }
        guard (try? JSONRawDocument(scanning: nested(maxDepth + 1), maxDepth: maxDepth)) == nil else {
            Issue.record("\(maxDepth + 1) levels accepted")
            return
        }
    }

    @Test("members and member(_:) read an object's values as raw bytes; the writer copies them")
    func members() throws {
        let raw = try JSONRawValue(
            validating: Array(#" {"message" : "hi" , "n":[1, {"x":"}"}],"e\u0073c":-2.5} "#.utf8))
        #expect(raw.kind == .object)
        #expect(raw.members.map(\.key) == ["message", "n", "esc"])
        #expect(raw.member("message")?.stringValue == "hi")
        #expect(raw.member("message")?.isPlainString == true)
        #expect(raw.member("n")?.parse() == [1, ["x": "}"]])
        #expect(raw.member("esc")?.parse() == .double(-2.5))
        #expect(raw.member("missing") == nil)
        var w = JSONWriter()
        w.beginObject()
        w.key("m")
        w.raw(raw.member("n")!)
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"m":[1, {"x":"}"}]}"#)
    }

    @Test(
        "an object member's own members come from the scan that validated the document, the same as scanning it alone",
        arguments: [
            #"{"jsonrpc":"2.0","id":1,"method":"m","params":{"a":1,"b":{"c":[{"d":2}]},"e\u0041":"x"},"meta":{"k":"v"}}"#,
            #"{"params":{},"meta":{"a":{"b":{"c":{}}},"a":"dup"},"x":[{"y":1}],"z":"s"}"#,
            #"[{"params":{"p":1},"id":1},{"meta":{"q":[1,{"r":2}]}},3,[{"s":{"t":1}}],{"params":{"\"k\"":null}}]"#,
            #" { "params" : { "a" : "b\n" , "c" : { } } } "#,
        ])
    func nestedMembersAreRecorded(document: String) throws {
        let bytes = Array(document.utf8)
        func check(_ object: JSONRawObject) throws {
            for index in 0..<object.count {
                let value = object.value(at: index)
                let alone = try JSONRawValue(validating: Array(value.storage[value.range]))
                #expect(value.members.map(\.key) == alone.members.map(\.key), "\(object.key(at: index))")
                #expect(
                    value.members.map { String(decoding: $0.value.storage[$0.value.range], as: UTF8.self) }
                        == alone.members.map { String(decoding: $0.value.storage[$0.value.range], as: UTF8.self) })
            }
        }
        switch try JSONRawDocument(scanning: bytes, maxDepth: 64) {
        case .object(let object): try check(object)
        case .array(let array):
            for index in 0..<array.count { if let object = array.object(at: index) { try check(object) } }
        case .scalar: Issue.record("not a container")
        }
    }

    @Test("validating init throws the parser's error")
    func validatingError() {
        #expect(throws: JSONParseError(reason: "expected a member name", offset: 7)) {
            try JSONRawValue(validating: Array(#"{"a":1,}"#.utf8))
        }
    }
}

import Testing
import ToolSupport

@Suite("Log lines built field by field")
struct LogLineTests {
    /// The fields of one line of `format` built by `build`, without the time, level and event.
    static func fields(_ format: LogfmtLogger.Format, _ build: (inout LogLine) -> Void) throws -> String {
        var line = try #require(LogfmtLogger(format: format).line(.info, "e"))
        let start = line.bytes.count
        build(&line)
        return String(decoding: line.bytes[start...], as: UTF8.self)
    }

    @Test("integers are written as digits, the same text a string field of them would be")
    func integers() throws {
        let logfmt = try Self.fields(.logfmt) {
            $0.field("a", 0)
            $0.field("b", -42)
            $0.field("c", UInt64.max)
        }
        #expect(logfmt == " a=0 b=-42 c=18446744073709551615")
        let json = try Self.fields(.json) {
            $0.field("a", 0)
            $0.field("b", -42)
            $0.field("c", 999_999_999_999_999)
        }
        #expect(json == #","a":0,"b":-42,"c":999999999999999"#)
    }

    @Test("in JSON an integer of more than 15 digits is a string, as the same digits given as text are")
    func longIntegersQuoted() throws {
        let number = try Self.fields(.json) { $0.field("n", 1_000_000_000_000_000) }
        let text = try Self.fields(.json) { $0.field("n", "1000000000000000") }
        #expect(number == #","n":"1000000000000000""#)
        #expect(number == text)
    }

    @Test("thousandths are written with three decimals: 210 is 0.210, 12345 is 12.345")
    func thousandths() throws {
        let logfmt = try Self.fields(.logfmt) {
            $0.field("a", thousandths: 0)
            $0.field("b", thousandths: 210)
            $0.field("c", thousandths: 12_345)
            $0.field("d", thousandths: -5)
        }
        #expect(logfmt == " a=0.000 b=0.210 c=12.345 d=-0.005")
        let json = try Self.fields(.json) { $0.field("ms", thousandths: 1_500) }
        #expect(json == #","ms":1.500"#)
    }

    @Test("text fields are quoted in logfmt when they need it and escaped in JSON")
    func text() throws {
        let logfmt = try Self.fields(.logfmt) {
            $0.field("plain", "abc")
            $0.field("space", "a b")
            $0.field("empty", "")
        }
        #expect(logfmt == #" plain=abc space="a b" empty="""#)
        let json = try Self.fields(.json) { $0.field("m", "a\"b\n") }
        #expect(json == #","m":"a\"b\n""#)
    }

    @Test("a line below the logger's level is not built")
    func droppedLevel() {
        #expect(LogfmtLogger(minimumLevel: .warning).line(.info, "e") == nil)
        #expect(LogfmtLogger(minimumLevel: .warning).line(.error, "e") != nil)
    }
}

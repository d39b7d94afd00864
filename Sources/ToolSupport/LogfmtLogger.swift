import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One-line-per-event structured logs, written to standard error: logfmt (`time=...
/// level=info event=call method=Customers.Get status=OK ms=0.210`) or, for log shippers, one
/// JSON object per line (`{"time":"...","level":"info","event":"call","method":...}`).
///
/// logfmt values with spaces, quotes, `=`, backslashes or control characters are quoted and
/// escaped. In JSON a value that is a plain decimal number (`12`, `0.210`) is written as a
/// number, every other value as a string. Lines are built as bytes, with the time's date and
/// second formatted once a second, and written with one `write(2)` each, or, `buffered`,
/// gathered in memory and written by a queue of their own (`flush()` before exit). Never pass
/// secrets: the logger does not redact.
public final class LogfmtLogger: Sendable {
    /// How lines are written.
    public enum Format: String, Sendable, CaseIterable {
        /// `key=value` pairs.
        case logfmt
        /// One JSON object per line.
        case json
    }

    /// Severity, lowest first.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error
        /// Orders by severity.
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        /// The logged name.
        public var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }
        /// Parses "debug", "info", "warning" or "error".
        public init?(name: String) {
            guard let level = Level.allCases.first(where: { $0.name == name }) else { return nil }
            self = level
        }
    }

    /// Events below this level are dropped.
    public let minimumLevel: Level
    /// The line format.
    public let format: Format
    private let clock = Mutex(SecondCache())
    private let sink: LogSink

    /// Creates a logger writing events at `minimumLevel` and above in `format` to
    /// `descriptor` (standard error by default).
    /// - Parameter buffered: when true, callers only copy their line into memory; a writer
    ///   queue writes the lines gathered meanwhile in one call (at most 8 MiB wait; beyond
    ///   that lines are dropped and counted in a `log.dropped` line). Call `flush()` before
    ///   the process exits.
    public init(minimumLevel: Level = .info, format: Format = .logfmt, descriptor: Int32 = 2, buffered: Bool = false) {
        self.minimumLevel = minimumLevel
        self.format = format
        self.sink = LogSink(descriptor: descriptor, buffered: buffered)
    }

    /// Writes every line still in memory (buffered loggers); returns when they are written.
    public func flush() { sink.flush() }

    /// True when events at `level` are written.
    public func isEnabled(_ level: Level) -> Bool { level >= minimumLevel }

    /// Logs `event` with key-value fields, in the order given.
    public func log(_ level: Level, _ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard level >= minimumLevel else { return }
        var line = startLine(level, event)
        for (key, value) in fields { appendField(key, value, to: &line) }
        endLine(&line)
        sink.append(line)
    }

    /// Logs `event` with fields built at run time, in the order given.
    public func log(_ level: Level, _ event: String, fields: [(key: String, value: String)]) {
        guard level >= minimumLevel else { return }
        var line = startLine(level, event)
        for (key, value) in fields { appendField(key, value, to: &line) }
        endLine(&line)
        sink.append(line)
    }

    /// One line (with its newline) in the logger's format, stamped now.
    public func render(_ level: Level, _ event: String, _ fields: [(key: String, value: String)]) -> String {
        var line = startLine(level, event)
        for (key, value) in fields { appendField(key, value, to: &line) }
        endLine(&line)
        return String(decoding: line, as: UTF8.self)
    }

    // MARK: Building lines

    /// A line's start, built in the one buffer the whole line goes into: the time, then
    /// ` level=info event=call` or `","level":"info","event":"call"`.
    private func startLine(_ level: Level, _ event: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(384)
        switch format {
        case .logfmt:
            out += Self.logfmtTime
            clock.withLock { $0.appendNow(to: &out) }
            out += Self.logfmtLevel[level.rawValue]
            Self.appendLogfmtValue(event, to: &out)
        case .json:
            out += Self.jsonTime
            clock.withLock { $0.appendNow(to: &out) }
            out += Self.jsonLevel[level.rawValue]
            Self.appendJSONString(event, to: &out)
        }
        return out
    }

    /// The line's end: `}` in JSON, and the newline.
    private func endLine(_ line: inout [UInt8]) {
        if format == .json { line.append(UInt8(ascii: "}")) }
        line.append(UInt8(ascii: "\n"))
    }

    private func appendField(_ key: String, _ value: String, to out: inout [UInt8]) {
        switch format {
        case .logfmt:
            out.append(UInt8(ascii: " "))
            out += key.utf8
            out.append(UInt8(ascii: "="))
            Self.appendLogfmtValue(value, to: &out)
        case .json:
            out.append(UInt8(ascii: ","))
            Self.appendJSONString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            if Self.isPlainNumber(value) { out += value.utf8 } else { Self.appendJSONString(value, to: &out) }
        }
    }

    private static let logfmtTime = Array("time=".utf8)
    private static let jsonTime = Array(#"{"time":""#.utf8)
    private static let logfmtLevel = Level.allCases.map { Array(" level=\($0.name) event=".utf8) }
    private static let jsonLevel = Level.allCases.map { Array(#"","level":"\#($0.name)","event":"#.utf8) }

    // MARK: Escaping

    /// True for `-?[0-9]{1,15}(\.[0-9]{1,9})?` without a leading zero: written as a JSON number.
    static func isPlainNumber(_ value: String) -> Bool {
        var digits = 0
        var fraction = -1
        var firstDigit: UInt8 = 0
        for (index, byte) in value.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if fraction >= 0 {
                    fraction += 1
                } else {
                    if digits == 0 { firstDigit = byte }
                    digits += 1
                }
            case UInt8(ascii: ".") where fraction < 0 && digits > 0: fraction = 0
            default: return false
            }
        }
        return digits > 0 && digits <= 15 && fraction != 0 && fraction <= 9
            && !(digits > 1 && firstDigit == UInt8(ascii: "0"))
    }

    /// Appends `value`, quoted and escaped when logfmt needs it.
    static func appendLogfmtValue(_ value: String, to out: inout [UInt8]) {
        var needsQuotes = value.isEmpty
        if !needsQuotes {
            for byte in value.utf8
            where byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\\")
                || byte == 0x7F
            {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            out += value.utf8
            return
        }
        out.append(UInt8(ascii: "\""))
        appendEscaped(value, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `value` as a JSON string literal.
    static func appendJSONString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(value, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// `\"`, `\\`, `\n`, `\r`, `\t`, other control characters as `\u00XX`; the rest as is.
    private static func appendEscaped(_ value: String, to out: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20, 0x7F:
                out += Self.unicodeEscape
                out.append(Self.hexDigits[Int(byte >> 4)])
                out.append(Self.hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
    }

    private static let unicodeEscape = Array(#"\u00"#.utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `value` quoted when logfmt needs it.
    public static func quote(_ value: String) -> String {
        var out: [UInt8] = []
        appendLogfmtValue(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as a JSON string literal.
    public static func jsonString(_ value: String) -> String {
        var out: [UInt8] = []
        appendJSONString(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The current UTC time as RFC 3339 with milliseconds.
    public static func timestamp() -> String {
        var cache = SecondCache()
        var out: [UInt8] = []
        cache.appendNow(to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// `YYYY-MM-DDTHH:MM:SS.` of the current second, formatted once a second.
struct SecondCache {
    private var second = Int.min
    private var text: [UInt8] = []

    /// Appends the current UTC time as RFC 3339 with milliseconds.
    mutating func appendNow(to out: inout [UInt8]) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        if spec.tv_sec != second {
            second = spec.tv_sec
            var seconds = spec.tv_sec
            var parts = tm()
            gmtime_r(&seconds, &parts)
            text.removeAll(keepingCapacity: true)
            Self.digits(Int(parts.tm_year) + 1900, 4, &text)
            text.append(UInt8(ascii: "-"))
            Self.digits(Int(parts.tm_mon) + 1, 2, &text)
            text.append(UInt8(ascii: "-"))
            Self.digits(Int(parts.tm_mday), 2, &text)
            text.append(UInt8(ascii: "T"))
            Self.digits(Int(parts.tm_hour), 2, &text)
            text.append(UInt8(ascii: ":"))
            Self.digits(Int(parts.tm_min), 2, &text)
            text.append(UInt8(ascii: ":"))
            Self.digits(Int(parts.tm_sec), 2, &text)
            text.append(UInt8(ascii: "."))
        }
        out += text
        Self.digits(Int(spec.tv_nsec / 1_000_000), 3, &out)
        out.append(UInt8(ascii: "Z"))
    }

    private static func digits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}

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
/// number, every other value as a string (`LogLine`). Lines are built as bytes, with the time's date and
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
        guard var line = line(level, event) else { return }
        for (key, value) in fields { line.field(key, value) }
        write(line)
    }

    /// Logs `event` with fields built at run time, in the order given.
    public func log(_ level: Level, _ event: String, fields: [(key: String, value: String)]) {
        guard var line = line(level, event) else { return }
        for (key, value) in fields { line.field(key, value) }
        write(line)
    }

    /// A line for `event` at `level`, stamped now, to append fields to and pass to `write(_:)`;
    /// `nil` when events at `level` are dropped (so nothing is built for them).
    public func line(_ level: Level, _ event: String) -> LogLine? {
        guard level >= minimumLevel else { return nil }
        return LogLine(format: format, prefix: startLine(level, event))
    }

    /// Ends `line` and writes it (or, buffered, queues it).
    public func write(_ line: consuming LogLine) {
        var line = line
        line.end()
        sink.append(line.bytes)
    }

    /// One line (with its newline) in the logger's format, stamped now.
    public func render(_ level: Level, _ event: String, _ fields: [(key: String, value: String)]) -> String {
        var line = LogLine(format: format, prefix: startLine(level, event))
        for (key, value) in fields { line.field(key, value) }
        line.end()
        return String(decoding: line.bytes, as: UTF8.self)
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
            LogLine.appendLogfmtValue(event, to: &out)
        case .json:
            out += Self.jsonTime
            clock.withLock { $0.appendNow(to: &out) }
            out += Self.jsonLevel[level.rawValue]
            LogLine.appendJSONString(event, to: &out)
        }
        return out
    }

    private static let logfmtTime = Array("time=".utf8)
    private static let jsonTime = Array(#"{"time":""#.utf8)
    private static let logfmtLevel = Level.allCases.map { Array(" level=\($0.name) event=".utf8) }
    private static let jsonLevel = Level.allCases.map { Array(#"","level":"\#($0.name)","event":"#.utf8) }

    /// `value` quoted when logfmt needs it.
    public static func quote(_ value: String) -> String {
        var out: [UInt8] = []
        LogLine.appendLogfmtValue(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as a JSON string literal.
    public static func jsonString(_ value: String) -> String {
        var out: [UInt8] = []
        LogLine.appendJSONString(value, to: &out)
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

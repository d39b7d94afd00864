#if canImport(Glibc)
    import Glibc
#endif
import Synchronization

/// One-line-per-event structured logs, written to standard error: logfmt (`time=...
/// level=info event=call method=Customers.Get status=OK ms=0.210`) or, for log shippers, one
/// JSON object per line (`{"time":"...","level":"info","event":"call","method":...}`).
///
/// logfmt values with spaces, quotes or `=` are quoted and escaped. In JSON a value that is a
/// plain decimal number (`12`, `0.210`) is written as a number, every other value as a string.
/// Never pass secrets: the logger does not redact.
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
    private let lock = Mutex(())
    private let descriptor: Int32

    /// Creates a logger writing events at `minimumLevel` and above in `format` to
    /// `descriptor` (standard error by default).
    public init(minimumLevel: Level = .info, format: Format = .logfmt, descriptor: Int32 = 2) {
        self.minimumLevel = minimumLevel
        self.format = format
        self.descriptor = descriptor
    }

    /// True when events at `level` are written.
    public func isEnabled(_ level: Level) -> Bool { level >= minimumLevel }

    /// Logs `event` with key-value fields, in the order given.
    public func log(_ level: Level, _ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard level >= minimumLevel else { return }
        write(render(level, event, fields.map { (key: $0.key, value: $0.value) }))
    }

    /// Logs `event` with fields built at run time, in the order given.
    public func log(_ level: Level, _ event: String, fields: [(key: String, value: String)]) {
        guard level >= minimumLevel else { return }
        write(render(level, event, fields))
    }

    /// One line (with its newline) in the logger's format.
    public func render(_ level: Level, _ event: String, _ fields: [(key: String, value: String)]) -> String {
        switch format {
        case .logfmt:
            var line = "time=\(Self.timestamp()) level=\(level.name) event=\(Self.quote(event))"
            for (key, value) in fields {
                line += " \(key)=\(Self.quote(value))"
            }
            return line + "\n"
        case .json:
            var line = "{\"time\":\"\(Self.timestamp())\",\"level\":\"\(level.name)\",\"event\":\(Self.jsonString(event))"
            for (key, value) in fields {
                line += ",\(Self.jsonString(key)):"
                line += Self.isPlainNumber(value) ? value : Self.jsonString(value)
            }
            return line + "}\n"
        }
    }

    private func write(_ line: String) {
        lock.withLock { _ in
            var bytes = Array(line.utf8)
            _ = bytes.withUnsafeMutableBytes { Self.writeAll($0, to: descriptor) }
        }
    }

    /// True for `-?[0-9]{1,15}(\.[0-9]{1,9})?`: written as a JSON number.
    static func isPlainNumber(_ value: String) -> Bool {
        var digits = 0
        var fraction = -1
        for (index, byte) in value.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if fraction >= 0 { fraction += 1 } else { digits += 1 }
            case UInt8(ascii: ".") where fraction < 0 && digits > 0: fraction = 0
            default: return false
            }
        }
        return digits > 0 && digits <= 15 && fraction != 0 && fraction <= 9
            && !(digits > 1 && value.utf8.first(where: { $0 != UInt8(ascii: "-") }) == UInt8(ascii: "0"))
    }

    /// `value` as a JSON string literal.
    public static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func writeAll(_ buffer: UnsafeMutableRawBufferPointer, to descriptor: Int32) -> Int {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 { break }
            offset += written
        }
        return offset
    }

    /// Quotes a value when logfmt needs it.
    public static func quote(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline || $0 == "\\" || $0 == "\t" }
        guard needsQuotes else { return value }
        var out = "\""
        for character in value {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// The current UTC time as RFC 3339 with milliseconds.
    public static func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(spec.tv_nsec / 1_000_000), 3))Z"
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Options of a command from three places, in this order of precedence: the command line,
/// then environment variables (`PREFIX_NAME`: the option's name upper-cased, dashes as
/// underscores, e.g. `--max-frame-bytes` as `PARTNER_MAX_FRAME_BYTES`), then a configuration
/// file, then the command's defaults.
///
/// The file holds one `name = value` per line, `name` being the option without its dashes;
/// blank lines and lines starting with `#` are ignored; a value may be wrapped in double
/// quotes; a boolean option takes `true` or `false`.
///
/// ```
/// # /etc/partner-console/partner-server.conf
/// listen = 0.0.0.0:7420
/// data = /var/lib/partner-console
/// metrics-listen = 127.0.0.1:9464
/// enable-conformance-service = false
/// ```
///
/// ```swift
/// var args = try CommandArguments(argv, flags: ["help"])
/// let layers = LayeredConfiguration(prefix: "PARTNER_", options: ["listen", "data"], flags: [])
/// try layers.apply(to: &args, environment: LayeredConfiguration.processEnvironment())
/// ```
public struct LayeredConfiguration: Sendable {
    /// The environment variables' prefix, e.g. `PARTNER_`.
    public var prefix: String
    /// Every option name that may come from the environment or the file (`config` aside).
    public var options: [String]
    /// Which of them are boolean flags.
    public var flags: Set<String>

    /// Creates the layers for a command.
    public init(prefix: String, options: [String], flags: Set<String>) {
        self.prefix = prefix
        self.options = options
        self.flags = flags
    }

    /// The environment variable of option `name`: `PARTNER_MAX_FRAME_BYTES`.
    public func variable(for name: String) -> String {
        prefix + name.uppercased().replacingDashes()
    }

    /// Fills `args` from `environment`, then from the file named by `--config` (or
    /// `PREFIX_CONFIG`), leaving every option the command line gave as it is.
    /// - Throws: `CommandLineError` when the file cannot be read, has a line that is not
    ///   `name = value`, or names an option the command does not have.
    public func apply(to args: inout CommandArguments, environment: [String: String]) throws(CommandLineError) {
        let configPath = args.value("config") ?? environment[variable(for: "config")]
        for name in options {
            if let value = environment[variable(for: name)] { args.fill(name, value) }
        }
        guard let configPath else { return }
        for (name, value) in try readFile(configPath) { args.fill(name, value) }
    }

    /// The `name = value` pairs of a configuration file, in order.
    /// - Throws: `CommandLineError` naming the file and line.
    public func readFile(_ path: String) throws(CommandLineError) -> [(String, String)] {
        guard let text = Self.read(path) else {
            throw CommandLineError("cannot read configuration file \(path): \(String(cString: strerror(errno)))")
        }
        var pairs: [(String, String)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmed
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw CommandLineError("\(path):\(index + 1): expected 'name = value', got '\(line)'")
            }
            let name = String(line[..<equals].trimmed)
            var value = line[line.index(after: equals)...].trimmed
            if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") {
                value = value.dropFirst().dropLast()
            }
            guard options.contains(name) else {
                throw CommandLineError("\(path):\(index + 1): unknown option '\(name)'")
            }
            pairs.append((name, String(value)))
        }
        return pairs
    }

    /// The process's environment variables.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 20 {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    fileprivate var trimmed: Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return text
    }

    fileprivate func replacingDashes() -> String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}

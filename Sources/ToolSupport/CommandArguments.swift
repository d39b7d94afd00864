/// A command line split into options and positionals, read the way the project's tools expect:
/// `--name value`, `--name=value`, boolean `--flag`, `--` ends options.
///
/// ```swift
/// var args = try CommandArguments(Array(CommandLine.arguments.dropFirst()), flags: ["json", "help"])
/// let target = try args.required("target")           // --target 127.0.0.1:7420
/// let json = args.flag("json")
/// try args.finish()                                  // rejects anything not read
/// ```
public struct CommandArguments: Sendable {
    /// Options by name (without dashes); a repeated option keeps every value in order.
    public private(set) var options: [String: [String]] = [:]
    /// Arguments that are not options, in order.
    public private(set) var positionals: [String] = []
    private var consumed: Set<String> = []
    /// Options filled from the environment or a file (`fill`): `finish` does not insist they
    /// were read, since a command may not use every option its configuration sets.
    private var filled: Set<String> = []

    /// Parses `arguments`. Names in `flags` take no value.
    /// - Throws: `CommandLineError` for an option missing its value.
    public init(_ arguments: [String], flags: Set<String> = []) throws(CommandLineError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                options[String(body[..<equals]), default: []].append(String(body[body.index(after: equals)...]))
            } else if flags.contains(String(body)) {
                options[String(body), default: []].append("true")
            } else {
                guard index < arguments.count else { throw CommandLineError("option --\(body) needs a value") }
                options[String(body), default: []].append(arguments[index])
                index += 1
            }
        }
    }

    /// The last value of option `name`, or `nil`.
    public mutating func value(_ name: String) -> String? {
        consumed.insert(name)
        return options[name]?.last
    }

    /// The value of option `name`.
    /// - Throws: when it is absent.
    public mutating func required(_ name: String) throws(CommandLineError) -> String {
        guard let value = value(name) else { throw CommandLineError("missing required option --\(name)") }
        return value
    }

    /// The value of option `name` as an integer within `range`, or `defaultValue` when absent.
    /// - Throws: when present but not a whole number in range.
    public mutating func integer(
        _ name: String, default defaultValue: Int, in range: ClosedRange<Int> = Int.min...Int.max
    )
        throws(CommandLineError) -> Int
    {
        guard let text = value(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw CommandLineError(
                "option --\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'"
            )
        }
        return number
    }

    /// The value of option `name` as a duration in seconds (decimals allowed), or `defaultValue`.
    /// - Throws: when present but not a non-negative number.
    public mutating func seconds(_ name: String, default defaultValue: Double) throws(CommandLineError) -> Double {
        guard let text = value(name) else { return defaultValue }
        guard let number = Double(text), number >= 0, number.isFinite else {
            throw CommandLineError("option --\(name) must be a number of seconds, got '\(text)'")
        }
        return number
    }

    /// True when boolean option `name` was given (`--name`, `--name=true`).
    public mutating func flag(_ name: String) -> Bool {
        guard let value = value(name) else { return false }
        return value != "false" && value != "0"
    }

    /// Takes the next positional argument, or `nil`.
    public mutating func nextPositional() -> String? {
        positionals.isEmpty ? nil : positionals.removeFirst()
    }

    /// True when option `name` was given on the command line (or filled).
    public func has(_ name: String) -> Bool { options[name] != nil }

    /// Sets option `name` to `value` unless the command line gave it: how values from the
    /// environment and a configuration file come in below the command line.
    public mutating func fill(_ name: String, _ value: String) {
        guard options[name] == nil else { return }
        options[name] = [value]
        filled.insert(name)
    }

    /// Fails if an option was given that no one read, so typos do not pass silently.
    /// - Throws: naming the first unknown option.
    public func finish() throws(CommandLineError) {
        if let unknown = options.keys.sorted().first(where: { !consumed.contains($0) && !filled.contains($0) }) {
            throw CommandLineError("unknown option --\(unknown)")
        }
    }
}

/// A command line that cannot be understood, with a message for the user.
public struct CommandLineError: Error, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// Splits "host:port" (IPv6 as "[::1]:7420").
/// - Throws: when the port is missing or not 0...65535.
public func parseHostPort(_ text: String) throws(CommandLineError) -> (host: String, port: Int) {
    let host: Substring
    let portText: Substring
    if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
        host = text[text.index(after: text.startIndex)..<close]
        let rest = text[text.index(after: close)...]
        guard rest.hasPrefix(":") else { throw CommandLineError("address '\(text)' needs a port, e.g. [::1]:7420") }
        portText = rest.dropFirst()
    } else {
        guard let colon = text.lastIndex(of: ":") else {
            throw CommandLineError("address '\(text)' needs a port, e.g. 127.0.0.1:7420")
        }
        host = text[..<colon]
        portText = text[text.index(after: colon)...]
    }
    guard let port = Int(portText), (0...65535).contains(port), !host.isEmpty else {
        throw CommandLineError("address '\(text)' is not HOST:PORT with a port from 0 to 65535")
    }
    return (String(host), port)
}

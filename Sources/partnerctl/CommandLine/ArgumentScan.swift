import ToolSupport

/// The first pass over partnerctl's command line, before `CommandArguments` splits it:
/// takes out `-H key=value` / `--header key=value` (call metadata), and rejects an option no
/// command knows with "unknown option" and a "did you mean".
struct ArgumentScan: Sendable {
    /// The arguments left for `CommandArguments`.
    var arguments: [String] = []
    /// `-H` pairs in order (a repeated key keeps the last value).
    var headers: [(key: String, value: String)] = []

    /// Options every command takes (see `HelpText.globalOptions`).
    static let globalOptions: Set<String> = [
        "target", "token", "timeout", "idempotency-key", "tls-ca", "tls-cert", "tls-key", "json", "field",
        "help", "header", "version",
    ]

    /// Every option name known to partnerctl: the global ones and each command's.
    static var knownOptions: Set<String> { globalOptions.union(Commands.all.flatMap(\.optionNames)) }

    /// Scans `raw`.
    /// - Throws: `CommandLineError` for `-H` without `key=value`, or an unknown option.
    init(_ raw: [String]) throws(CommandLineError) {
        let known = Self.knownOptions
        var index = 0
        var onlyPositionals = false
        while index < raw.count {
            let argument = raw[index]
            index += 1
            if onlyPositionals {
                arguments.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                arguments.append(argument)
                continue
            }
            if argument == "-H" || argument == "--header" || argument.hasPrefix("--header=") {
                let pair: String
                if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--header=") {
                    pair = String(argument[argument.index(after: equals)...])
                } else {
                    guard index < raw.count else { throw CommandLineError("option \(argument) needs KEY=VALUE") }
                    pair = raw[index]
                    index += 1
                }
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw CommandLineError("option -H takes KEY=VALUE (e.g. -H traceparent=00-...), got '\(pair)'")
                }
                headers.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
                continue
            }
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                if !known.contains(name) {
                    throw CommandLineError(
                        "unknown option --\(name)" + Suggestions.hint(for: name, in: known, prefix: "--"))
                }
            } else if argument.hasPrefix("-") && argument.count > 1 && Double(argument) == nil {
                throw CommandLineError(
                    "unknown option \(argument) (options are spelled --name; -H is the one short option)")
            }
            arguments.append(argument)
        }
    }
}

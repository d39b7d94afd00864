import ToolSupport

extension CommandArguments {
    /// The next positional argument, named `name` in the message when missing.
    mutating func positional(_ name: String) throws(CommandLineError) -> String {
        guard let value = nextPositional() else { throw CommandLineError("missing argument \(name)") }
        return value
    }

    /// The next positional argument as a whole number within `range`.
    mutating func positionalInteger(_ name: String, in range: ClosedRange<Int>) throws(CommandLineError) -> Int {
        let text = try positional(name)
        guard let number = Int(text), range.contains(number) else {
            throw CommandLineError(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// An optional integer option (nil when absent).
    mutating func optionalInteger(_ name: String, in range: ClosedRange<Int>) throws(CommandLineError) -> Int? {
        guard options[name] != nil else {
            _ = value(name)
            return nil
        }
        return try integer(name, default: 0, in: range)
    }

    /// The value of option `name`, which must be one of `choices` (compared case-insensitively,
    /// returned as written in `choices`).
    mutating func choice(_ name: String, _ choices: [String]) throws(CommandLineError) -> String? {
        guard let text = value(name) else { return nil }
        guard let match = choices.first(where: { $0.lowercased() == text.lowercased() }) else {
            throw CommandLineError("option --\(name) must be one of \(choices.joined(separator: ", ")), got '\(text)'")
        }
        return match
    }

    /// Ends reading: fails on an extra positional argument or an option no one read.
    func done() throws(CommandLineError) {
        if let extra = positionals.first { throw CommandLineError("unexpected argument '\(extra)'") }
        try finish()
    }
}

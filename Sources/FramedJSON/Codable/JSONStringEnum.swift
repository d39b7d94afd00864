/// An enum written on the wire as one of its raw string values.
///
/// Conforming is all a message enum does: its JSON coding is the `Codable` one (the raw value
/// as a string), and reading an unknown value fails naming the allowed ones
/// ("must be one of DOMAIN, TEAM, got BIG").
///
/// ```swift
/// enum CustomerType: String, JSONStringEnum { case domain = "DOMAIN", team = "TEAM" }
/// ```
public protocol JSONStringEnum: RawRepresentable, CaseIterable, Codable, JSONCodable, Sendable, Hashable
where RawValue == String {}

extension JSONStringEnum {
    /// Reads one of the raw values.
    /// - Throws: a decoding error at the value's path for another string or another type.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "must be one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")), got \(text)"))
        }
        self = value
    }

    /// Writes the raw value as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Writes the raw value as a JSON string.
    public func encode(to writer: inout JSONWriter) { writer.string(rawValue) }
}

/// A value stored and sent as its text: `description` writes it and `init?(_:)` reads it back.
///
/// Conforming is the whole of its `Codable` coding: a JSON string, and a malformed one fails
/// naming the form the text must have ("not a YYYY-MM month: 2026-13").
public protocol TextCodable: Codable, LosslessStringConvertible {
    /// The form the text must have, as the decoding error names it: "a YYYY-MM month".
    static var textForm: String { get }
}

extension TextCodable {
    /// Decodes the text form.
    /// - Throws: a decoding error at the value's path for another type or a malformed text.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not \(Self.textForm): \(text)"))
        }
        self = value
    }

    /// Encodes the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public import FramedJSON

/// A customer's lifecycle state.
public enum CustomerState: String, Codable, Sendable, Hashable, CaseIterable, JSONCodable {
    /// `INVITED`.
    case invited = "INVITED"
    /// `ACTIVE`.
    case active = "ACTIVE"
    /// `SUSPENDED`.
    case suspended = "SUSPENDED"
    /// `DELETED`.
    case deleted = "DELETED"
}

// MARK: JSON coding

extension CustomerState {
    /// Writes the raw value as a JSON string.
    public func encode(to writer: inout JSONWriter) { writer.string(rawValue) }

    /// Reads one of the raw values.
    /// - Throws: `JSONDecodingError` at `path` for another string or another type.
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        guard case .string(let text) = json else { throw .typeMismatch(path, expected: "a string", got: json) }
        guard let value = Self(rawValue: text) else {
            throw JSONDecodingError(
                field: path,
                reason: "must be one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")), got \(text)")
        }
        self = value
    }
}

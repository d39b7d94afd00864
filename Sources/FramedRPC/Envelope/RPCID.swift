public import FramedJSON

/// A JSON-RPC request id: a string, an integer, or `null` (WIRE.md "Request").
///
/// A number with a fraction is not a valid id; a number written with a zero fraction (`7.0`)
/// reads as the integer 7.
public enum RPCID: Sendable, Hashable, CustomStringConvertible {
    /// An integer id.
    case int(Int64)
    /// A string id.
    case string(String)
    /// The `null` id: a request whose id could not be read, or one the caller chose to be null.
    case null

    /// Reads an id from a JSON value, or `nil` when the value is of another type or a number
    /// with a fraction.
    public init?(json: JSONValue) {
        switch json {
        case .int(let i): self = .int(i)
        case .string(let s): self = .string(s)
        case .null: self = .null
        case .double(let d):
            guard let i = Int64(exactly: d) else { return nil }
            self = .int(i)
        default: return nil
        }
    }

    /// Writes the id as a JSON value.
    @inlinable public func encode(to writer: inout JSONWriter) {
        switch self {
        case .int(let i): writer.int(i)
        case .string(let s): writer.string(s)
        case .null: writer.null()
        }
    }

    /// The id as JSON text: `7`, `"abc"`, `null`.
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return JSONValue.string(s).encodedString
        case .null: return "null"
        }
    }

    /// The id as a `JSONValue`.
    public var jsonValue: JSONValue {
        switch self {
        case .int(let i): return .int(i)
        case .string(let s): return .string(s)
        case .null: return .null
        }
    }
}

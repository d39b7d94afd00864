/// A whole JSON document validated in one pass by `JSONScanner` with no tree built, and where
/// the parts of its root lie: an object's members, or an array's elements (and each object
/// element's members). The envelope decoder reads a request, or every request of a batch, from
/// it; the few members that matter are read from the bytes, the rest stay raw.
///
/// ```swift
/// switch try JSONRawDocument(scanning: payload, maxDepth: 64) {
/// case .object(let request):
///     for i in 0..<request.count where request.keyEquals(i, "method") {
///         let name = request.value(at: i).stringValue
///     }
/// case .array(let batch):
///     for i in 0..<batch.count { let request = batch.object(at: i) }  // nil for a non-object
/// case .scalar(let value):
///     print(value.kind)
/// }
/// ```
public enum JSONRawDocument: Sendable {
    /// The root is an object.
    case object(JSONRawObject)
    /// The root is an array.
    case array(JSONRawArray)
    /// The root is a string, number, boolean or null.
    case scalar(JSONRawValue)

    /// Validates `bytes` as one complete JSON document, by exactly the rules (and with exactly
    /// the errors) of `JSONParser(maxDepth:)`.
    /// - Throws: `JSONParseError` naming the first problem and its offset.
    public init(scanning bytes: [UInt8], maxDepth: Int) throws(JSONParseError) {
        var recorder = JSONRangeRecorder()
        let scanned = bytes.withUnsafeBufferPointer { buffer -> Result<Range<Int>, JSONParseError> in
            var scanner = JSONScanner(buffer: buffer, maxDepth: maxDepth)
            do throws(JSONParseError) {
                return .success(try scanner.scanDocument(into: &recorder).range)
            } catch {
                return .failure(error)
            }
        }
        let range = try scanned.get()
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "{"):
            self = .object(
                JSONRawObject(
                    storage: bytes, range: range, members: recorder.members[...],
                    valueMembers: recorder.valueMembers[...], nested: recorder.nested))
        case UInt8(ascii: "["):
            self = .array(JSONRawArray(storage: bytes, range: range, recorder: recorder))
        default: self = .scalar(JSONRawValue(unchecked: bytes, range: range))
        }
    }

    /// The root value as raw bytes.
    public var root: JSONRawValue {
        switch self {
        case .object(let object): return object.rawValue
        case .array(let array): return array.rawValue
        case .scalar(let value): return value
        }
    }
}

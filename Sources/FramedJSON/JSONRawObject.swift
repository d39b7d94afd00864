/// A whole JSON document validated in one pass with no tree built; when it is an object,
/// where each of its members lies. The fast path for decoding envelopes: the few members
/// that matter are read from the bytes, the rest stay raw.
///
/// ```swift
/// guard case .object(let object) = JSONRawObject.scan(payload, maxDepth: 64) else { ... }
/// for i in 0..<object.count where object.keyEquals(i, "method") {
///     let name = object.value(at: i).stringValue
/// }
/// ```
public struct JSONRawObject: Sendable {
    /// The outcome of `scan`.
    public enum Scan: Sendable {
        /// The document is an object.
        case object(JSONRawObject)
        /// The document is valid JSON, but not an object.
        case notAnObject
        /// The document is not valid JSON, or is nested deeper than allowed: parse it with
        /// `JSONParser` for the reason and offset.
        case invalid
    }

    /// The whole document.
    public let storage: [UInt8]
    let members: [JSONScanner.MemberRange]

    /// Validates `bytes` by the rules of `JSONParser(maxDepth:)`.
    public static func scan(_ bytes: [UInt8], maxDepth: Int) -> Scan {
        var members: [JSONScanner.MemberRange] = []
        members.reserveCapacity(6)
        let (valid, isObject) = bytes.withUnsafeBufferPointer { buffer -> (Bool, Bool) in
            var scanner = JSONScanner(buffer: buffer, maxDepth: maxDepth)
            let valid = scanner.scanDocument(members: &members)
            var i = 0
            while i < buffer.count, JSONRawValue.isSpace(buffer[i]) { i += 1 }
            return (valid, i < buffer.count && buffer[i] == UInt8(ascii: "{"))
        }
        guard valid else { return .invalid }
        guard isObject else { return .notAnObject }
        return .object(JSONRawObject(storage: bytes, members: members))
    }

    /// The number of members (duplicates included), in document order.
    public var count: Int { members.count }

    /// True when member `index`'s name is exactly `name`.
    public func keyEquals(_ index: Int, _ name: StaticString) -> Bool {
        let member = members[index]
        if member.keyHasEscape { return key(at: index) == name.description }
        guard member.key.count == name.utf8CodeUnitCount else { return false }
        let start = name.utf8Start
        var offset = 0
        for i in member.key {
            if storage[i] != start[offset] { return false }
            offset += 1
        }
        return true
    }

    /// The decoded name of member `index`.
    public func key(at index: Int) -> String {
        JSONRawValue(unchecked: storage, range: 0..<0).key(of: members[index])
    }

    /// The raw value of member `index`.
    public func value(at index: Int) -> JSONRawValue {
        JSONRawValue(unchecked: storage, range: members[index].value)
    }
}

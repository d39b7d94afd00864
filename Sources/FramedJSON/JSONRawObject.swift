/// A JSON object validated by `JSONScanner` with no tree built, and where each of its members
/// lies: the root of a `JSONRawDocument` or an object element of its root array. The members
/// are listed as written, repeated names included.
///
/// ```swift
/// guard case .object(let object) = try JSONRawDocument(scanning: payload, maxDepth: 64) else { ... }
/// for i in 0..<object.count where object.keyEquals(i, "method") {
///     let name = object.value(at: i).stringValue
/// }
/// ```
public struct JSONRawObject: Sendable {
    /// The whole document the object is part of.
    public let storage: [UInt8]
    /// Where the object lies in `storage`, from its `{` to just after its `}`.
    public let range: Range<Int>
    let members: ArraySlice<JSONScanner.MemberRange>
    /// For each member, where the members of its value lie in `nested` when it is an object.
    let valueMembers: ArraySlice<Range<Int>?>
    /// The members of the object values of this object (and of its siblings in a batch).
    let nested: [JSONScanner.MemberRange]

    init(
        storage: [UInt8], range: Range<Int>, members: ArraySlice<JSONScanner.MemberRange>,
        valueMembers: ArraySlice<Range<Int>?>, nested: [JSONScanner.MemberRange]
    ) {
        self.storage = storage
        self.range = range
        self.members = members
        self.valueMembers = valueMembers
        self.nested = nested
    }

    /// The object as a raw value.
    public var rawValue: JSONRawValue { JSONRawValue(unchecked: storage, range: range) }

    /// The number of members (duplicates included), in document order.
    public var count: Int { members.count }

    /// True when member `index`'s name is exactly `name`.
    public func keyEquals(_ index: Int, _ name: StaticString) -> Bool {
        let member = members[members.startIndex + index]
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
        JSONRawValue.key(of: members[members.startIndex + index], in: storage)
    }

    /// The raw value of member `index`; an object value knows where its own members lie (the
    /// scan that validated the document recorded them), so reading them scans nothing again.
    public func value(at index: Int) -> JSONRawValue {
        let range = members[members.startIndex + index].value
        guard let inner = valueMembers[valueMembers.startIndex + index] else {
            return JSONRawValue(unchecked: storage, range: range)
        }
        return JSONRawValue(unchecked: storage, range: range, members: nested[inner])
    }
}

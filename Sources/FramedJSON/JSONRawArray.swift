/// The root array of a `JSONRawDocument`: where each element lies, and the members of each
/// element that is an object, all recorded by the one validating pass.
public struct JSONRawArray: Sendable {
    /// The whole document.
    public let storage: [UInt8]
    /// Where the array lies in `storage`, from its `[` to just after its `]`.
    public let range: Range<Int>
    let elements: [JSONRangeRecorder.Element]
    let members: [JSONScanner.MemberRange]
    let valueMembers: [Range<Int>?]
    let nested: [JSONScanner.MemberRange]

    init(storage: [UInt8], range: Range<Int>, recorder: JSONRangeRecorder) {
        self.storage = storage
        self.range = range
        self.elements = recorder.elements
        self.members = recorder.members
        self.valueMembers = recorder.valueMembers
        self.nested = recorder.nested
    }

    /// The array as a raw value.
    public var rawValue: JSONRawValue { JSONRawValue(unchecked: storage, range: range) }

    /// The number of elements.
    public var count: Int { elements.count }

    /// Element `index` as raw bytes.
    public func value(at index: Int) -> JSONRawValue {
        JSONRawValue(unchecked: storage, range: elements[index].value)
    }

    /// Element `index` with its members located, or `nil` when it is not an object.
    public func object(at index: Int) -> JSONRawObject? {
        let element = elements[index]
        guard storage[element.value.lowerBound] == UInt8(ascii: "{") else { return nil }
        return JSONRawObject(
            storage: storage, range: element.value, members: members[element.members],
            valueMembers: valueMembers[element.members], nested: nested)
    }
}

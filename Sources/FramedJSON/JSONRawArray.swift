/// The root array of a `JSONRawDocument`: where each element lies, and the members of each
/// element that is an object, all recorded by the one validating pass.
public struct JSONRawArray: Sendable {
    /// The whole document.
    public let storage: [UInt8]
    /// Where the array lies in `storage`, from its `[` to just after its `]`.
    public let range: Range<Int>
    /// Where the elements, their members and their members' members lie.
    let recorder: JSONRangeRecorder

    init(storage: [UInt8], range: Range<Int>, recorder: JSONRangeRecorder) {
        self.storage = storage
        self.range = range
        self.recorder = recorder
    }

    /// The array as a raw value.
    public var rawValue: JSONRawValue { JSONRawValue(unchecked: storage, range: range) }

    /// The number of elements.
    public var count: Int { recorder.elements.count }

    /// Element `index` as raw bytes.
    public func value(at index: Int) -> JSONRawValue {
        JSONRawValue(unchecked: storage, range: recorder.elements[index].value)
    }

    /// Element `index` with its members located, or `nil` when it is not an object.
    public func object(at index: Int) -> JSONRawObject? {
        let element = recorder.elements[index]
        guard storage[element.value.lowerBound] == UInt8(ascii: "{") else { return nil }
        return JSONRawObject(
            storage: storage, range: element.value, members: recorder.members[element.members],
            valueMembers: recorder.valueMembers[element.members], nested: recorder.nested)
    }
}

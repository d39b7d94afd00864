/// Records, as `JSONScanner` reads a document, where the members of the root object lie, or
/// where the elements of the root array lie and, for each element that is an object, its
/// members; and, one level down, the members of those objects' object values: what the raw
/// envelope path reads (a request or each request of a batch, and its `params` and `meta`)
/// without building a tree or scanning again. Deeper values are only checked.
struct JSONRangeRecorder: JSONScanBuilder {
    /// Where one element of the root array lies, and its members when it is an object.
    struct Element: Sendable {
        /// The element's bytes.
        var value: Range<Int>
        /// Its members' positions in `members` (empty unless it is an object).
        var members: Range<Int>
    }

    /// Which members an object being scanned has recorded.
    enum Recording {
        /// None: a deeper object, only checked.
        case none
        /// Into `members`: the root object, or an object element of the root array.
        case top
        /// Into `nested`, from `start`: an object that is a member value of a `.top` one (a
        /// request's `params` or `meta`).
        case nested(start: Int)
    }

    /// The members of the root object, or of the root array's object elements one after the
    /// other.
    var members: [JSONScanner.MemberRange] = []
    /// For each entry of `members`: where the members of its value lie in `nested`, when the
    /// value is an object.
    var valueMembers: [Range<Int>?] = []
    /// The members of the objects that are member values of the recorded ones.
    var nested: [JSONScanner.MemberRange] = []
    /// The elements of the root array.
    var elements: [Element] = []
    private var rootIsArray = false
    private var elementMembersStart = 0

    /// Room for a request's members and those of its params and meta without growing.
    init() {
        members.reserveCapacity(8)
        valueMembers.reserveCapacity(8)
        nested.reserveCapacity(8)
    }

    /// A scalar's members: none.
    func string(content: Range<Int>, hasEscape: Bool) -> Range<Int>? { nil }
    func number(text: Range<Int>, _ number: JSONScanner.Number) -> Range<Int>? { nil }
    func bool(_ value: Bool) -> Range<Int>? { nil }
    func null() -> Range<Int>? { nil }

    /// Whose members are recorded, and where: the root's and the root array's object elements'
    /// into `members`, their object values' into `nested`.
    mutating func beginObject(depth: Int) -> Recording {
        let top = rootIsArray ? 2 : 1
        if depth == top { return .top }
        if depth == top + 1 { return .nested(start: nested.count) }
        return .none
    }

    mutating func member(_ object: inout Recording, _ range: JSONScanner.MemberRange, _ value: Range<Int>?) {
        switch object {
        case .top:
            members.append(range)
            valueMembers.append(value)
        case .nested: nested.append(range)
        case .none: break
        }
    }

    /// Where a nested object's members lie in `nested`; nil for others.
    func endObject(_ object: Recording) -> Range<Int>? {
        if case .nested(let start) = object { return start..<nested.count }
        return nil
    }

    /// Whether the array's elements are recorded: the root's.
    mutating func beginArray(depth: Int) -> Bool {
        if depth == 1 { rootIsArray = true }
        return depth == 1
    }

    mutating func element(_ array: inout Bool, _ range: Range<Int>, _ value: Range<Int>?) {
        guard array else { return }
        elements.append(Element(value: range, members: elementMembersStart..<members.count))
        elementMembersStart = members.count
    }

    func endArray(_ array: Bool) -> Range<Int>? { nil }
}

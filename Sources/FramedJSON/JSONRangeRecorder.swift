/// Records, as `JSONScanner` reads a document, where the members of the root object lie, or
/// where the elements of the root array lie and, for each element that is an object, its
/// members: what the raw envelope path reads (a request, or each request of a batch) without
/// building a tree. Deeper values are only checked.
struct JSONRangeRecorder: JSONScanBuilder {
    /// Where one element of the root array lies, and its members when it is an object.
    struct Element: Sendable {
        /// The element's bytes.
        var value: Range<Int>
        /// Its members' positions in `members` (empty unless it is an object).
        var members: Range<Int>
    }

    /// The members of the root object, or of the root array's object elements one after the
    /// other.
    var members: [JSONScanner.MemberRange] = []
    /// The elements of the root array.
    var elements: [Element] = []
    private var rootIsArray = false
    private var elementMembersStart = 0

    init() {
        members.reserveCapacity(6)
    }

    func string(content: Range<Int>, hasEscape: Bool) {}
    func number(text: Range<Int>, _ number: JSONScanner.Number) {}
    func bool(_ value: Bool) {}
    func null() {}

    /// Whether the object's members are recorded: the root's, or an element's of the root array.
    mutating func beginObject(depth: Int) -> Bool {
        depth == 1 || (depth == 2 && rootIsArray)
    }

    mutating func member(_ object: inout Bool, _ range: JSONScanner.MemberRange, _ value: Void) {
        if object { members.append(range) }
    }

    func endObject(_ object: Bool) {}

    /// Whether the array's elements are recorded: the root's.
    mutating func beginArray(depth: Int) -> Bool {
        if depth == 1 { rootIsArray = true }
        return depth == 1
    }

    mutating func element(_ array: inout Bool, _ range: Range<Int>, _ value: Void) {
        guard array else { return }
        elements.append(Element(value: range, members: elementMembersStart..<members.count))
        elementMembersStart = members.count
    }

    func endArray(_ array: Bool) {}
}

/// What `JSONScanner` hands each value to as it reads a document: the scanner checks the
/// grammar and reports where each value lies, the builder decides what to make of it (a tree,
/// a record of ranges, nothing).
///
/// The scanner calls `beginObject`, then `member` once per member in document order (repeated
/// names included), then `endObject`; arrays likewise. Depth counts containers, the root being
/// depth 1 when it is one. Every range is a range of the scanner's buffer; every string and
/// number reported has already been checked, so a builder never fails.
protocol JSONScanBuilder {
    /// What one value becomes.
    associatedtype Value
    /// An object being read.
    associatedtype Object
    /// An array being read.
    associatedtype Array

    /// A string; `content` lies between its quotes, `hasEscape` says whether it must be decoded.
    mutating func string(content: Range<Int>, hasEscape: Bool) -> Value
    /// A number written at `text`, as the scanner read it.
    mutating func number(text: Range<Int>, _ number: JSONScanner.Number) -> Value
    /// `true` or `false`.
    mutating func bool(_ value: Bool) -> Value
    /// `null`.
    mutating func null() -> Value
    /// The `{` of an object at `depth`.
    mutating func beginObject(depth: Int) -> Object
    /// One member of `object`: where its name and value lie, and the value.
    mutating func member(_ object: inout Object, _ range: JSONScanner.MemberRange, _ value: Value)
    /// The `}` of `object`.
    mutating func endObject(_ object: Object) -> Value
    /// The `[` of an array at `depth`.
    mutating func beginArray(depth: Int) -> Array
    /// One element of `array`, which lies at `range`.
    mutating func element(_ array: inout Array, _ range: Range<Int>, _ value: Value)
    /// The `]` of `array`.
    mutating func endArray(_ array: Array) -> Value
}

// libFuzzer target: the validating JSON scanner of the envelope fast path against JSONParser.
//
// The input is one JSON document (a frame payload). `JSONRawObject.scan` and
// `JSONRawValue(validating:)` must accept exactly what `JSONParser` accepts at the same depth
// limit (WIRE.md §3.1), say "object" exactly when the parser's tree is an object, and give back,
// member by member, the names and values the parser reads.
import FramedJSON

private let maxDepth = 64

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let tree = try? JSONParser(maxDepth: maxDepth).parse(bytes)
    let scan = JSONRawObject.scan(bytes, maxDepth: maxDepth)
    switch (scan, tree) {
    case (.invalid, nil):
        break
    case (.invalid, let tree?):
        fatalError("the scanner refuses JSON the parser reads: \(tree)")
    case (_, nil):
        fatalError("the scanner accepts bytes the parser refuses")
    case (.notAnObject, .object?):
        fatalError("the scanner calls an object something else")
    case (.notAnObject, _):
        break
    case (.object, let tree?):
        guard case .object(let object) = scan, case .object(let parsed) = tree else {
            fatalError("the scanner calls a non-object an object: \(tree)")
        }
        // The parser keeps the first of repeated names (WIRE.md §3.1); the scanner lists every
        // member. Compare by first occurrence.
        var seen = Set<String>()
        var firsts: [(String, JSONValue)] = []
        for i in 0..<object.count {
            let key = object.key(at: i)
            guard seen.insert(key).inserted else { continue }
            firsts.append((key, object.value(at: i).parse()))
        }
        require(firsts.count == parsed.members.count, "member counts differ: \(firsts.count) vs \(parsed.members.count)")
        for (mine, theirs) in zip(firsts, parsed.members) {
            require(mine.0 == theirs.key, "member names differ: \(mine.0) vs \(theirs.key)")
            require(mine.1 == theirs.value, "member \(mine.0) differs: \(mine.1) vs \(theirs.value)")
        }
    }
    do {
        let raw = try JSONRawValue(validating: bytes, maxDepth: maxDepth)
        guard let tree else { fatalError("JSONRawValue(validating:) accepts bytes the parser refuses") }
        require(raw.parse() == tree, "JSONRawValue.parse differs from the parser: \(raw.parse()) vs \(tree)")
    } catch {
        require(tree == nil, "JSONRawValue(validating:) refuses JSON the parser reads: \(error)")
    }
    return 0
}

/// `precondition` that prints its message in optimized builds too (the fuzz targets are -O).
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

// libFuzzer target: the one JSON reader (JSONScanner, behind JSONParser and JSONRawDocument)
// against an independent oracle, Foundation's JSONSerialization.
//
// The input is one JSON document (a frame payload). Checked:
// - JSONRawDocument (ranges, no tree) and JSONParser (tree) give the same verdict and error, and
//   the members and elements the raw document locates hold the values of the tree (first of
//   repeated names, WIRE.md §3.1);
// - what we accept, Foundation accepts, with the same structure and values (numbers by value;
//   an object's value is only compared when its name certainly appears once in the text, as
//   Foundation keeps another occurrence of a repeated name);
// - what we refuse and Foundation accepts, we refuse for one of the rules WIRE.md §3.1 adds to
//   RFC 8259 or that Foundation is lenient about: depth, unpaired surrogates, out-of-range
//   numbers, invalid UTF-8, leading zeros, raw control characters, or a trailing comma (which
//   RFC 8259 forbids and Foundation reads).
import Foundation
import FramedJSON

private let maxDepth = 64

/// Reasons for which we may refuse a document Foundation reads.
private let stricterRules = [
    "nesting deeper than the limit", "unpaired surrogate", "number out of range", "invalid UTF-8",
    "leading zeros", "control character",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let tree: JSONValue?
    let parseError: JSONParseError?
    do {
        tree = try JSONParser(maxDepth: maxDepth).parse(bytes)
        parseError = nil
    } catch {
        tree = nil
        parseError = error
    }
    checkRawDocument(bytes, tree, parseError)
    // Foundation guesses UTF-16 or UTF-32 from NUL bytes, and drops U+FEFF (a byte order mark)
    // even inside strings; the wire is UTF-8 only and keeps every character (WIRE.md §3.1), so
    // such inputs are not compared.
    if bytes.contains(0) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
        || bytes.indices.dropLast(2).contains(where: {
            bytes[$0] == 0xEF && bytes[$0 + 1] == 0xBB && bytes[$0 + 2] == 0xBF
        })
    {
        return 0
    }
    let foundation = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    switch (tree, foundation) {
    case (let tree?, let foundation?):
        let text = String(decoding: bytes, as: UTF8.self)
        require(same(tree, foundation, text), "Foundation reads another value: \(tree) vs \(foundation)")
    case (_?, nil):
        fatalError(
            "we accept a document Foundation refuses: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    case (nil, _?):
        let reason = parseError?.reason ?? ""
        require(
            stricterRules.contains { reason.hasPrefix($0) } || hasTrailingComma(bytes),
            "we refuse a document Foundation reads, for a reason that is no rule of ours: \(reason)")
    case (nil, nil):
        break
    }
    return 0
}

/// The raw document agrees with the tree: same verdict and error, same members and elements.
private func checkRawDocument(_ bytes: [UInt8], _ tree: JSONValue?, _ parseError: JSONParseError?) {
    let document: JSONRawDocument
    do {
        document = try JSONRawDocument(scanning: bytes, maxDepth: maxDepth)
    } catch {
        require(
            error == parseError,
            "JSONRawDocument and JSONParser fail differently: \(error) vs \(String(describing: parseError))")
        return
    }
    guard let tree else { fatalError("JSONRawDocument accepts a document JSONParser refuses") }
    require(document.root.parse() == tree, "the raw root parses to another tree")
    switch (document, tree) {
    case (.object(let object), .object(let parsed)):
        var seen = Set<String>()
        var firsts: [(String, JSONValue)] = []
        for i in 0..<object.count where seen.insert(object.key(at: i)).inserted {
            firsts.append((object.key(at: i), object.value(at: i).parse()))
        }
        require(firsts.count == parsed.members.count, "member counts differ")
        for (mine, theirs) in zip(firsts, parsed.members) {
            require(mine.0 == theirs.key && mine.1 == theirs.value, "member \(mine.0) differs")
        }
    case (.array(let array), .array(let elements)):
        require(array.count == elements.count, "element counts differ")
        for i in 0..<array.count {
            require(array.value(at: i).parse() == elements[i], "element \(i) differs")
            if let object = array.object(at: i) {
                require(object.rawValue.parse() == elements[i], "object element \(i) differs")
            } else {
                require(elements[i].objectValue == nil, "element \(i) is an object not located")
            }
        }
    case (.scalar, _):
        require(tree.objectValue == nil && tree.arrayValue == nil, "a container read as a scalar")
    default:
        fatalError("JSONRawDocument sees another kind of root: \(tree)")
    }
}

/// True when a `,` outside strings is followed (after whitespace) by `]` or `}`.
private func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
    var inString = false
    var escaped = false
    var afterComma = false
    for byte in bytes {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            continue
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
            afterComma = false
        case UInt8(ascii: ","): afterComma = true
        case UInt8(ascii: "]"), UInt8(ascii: "}"): if afterComma { return true }
        case 0x20, 0x0A, 0x0D, 0x09: break
        default: afterComma = false
        }
    }
    return false
}

/// Equal but for rounding: Foundation may read a long number as a decimal whose Double differs
/// in the last bits.
private func close(_ a: Double, _ b: Double) -> Bool {
    a == b || abs(a - b) <= max(abs(a), abs(b)) * 1e-12
}

/// Our tree and Foundation's value hold the same JSON.
private func same(_ mine: JSONValue, _ theirs: Any, _ text: String) -> Bool {
    switch mine {
    case .null: return theirs is NSNull
    case .bool(let b): return (theirs as? Bool) == b
    case .int(let i):
        guard let n = theirs as? NSNumber else { return false }
        return n.int64Value == i || close(n.doubleValue, Double(i))
    case .double(let d):
        guard let n = theirs as? NSNumber else { return false }
        return close(n.doubleValue, d)
    case .string(let s): return (theirs as? String) == s
    case .array(let elements):
        guard let other = theirs as? [Any], other.count == elements.count else { return false }
        return zip(elements, other).allSatisfy { same($0, $1, text) }
    case .object(let object):
        guard let other = theirs as? [String: Any], Set(other.keys) == Set(object.members.map(\.key)) else {
            return false
        }
        for member in object.members {
            let quoted = JSONValue.string(member.key).encodedString
            // A name written twice (perhaps once with escapes) keeps its first value here and
            // maybe another in Foundation: only names certainly written once are compared.
            let maybeRepeated = text.contains("\\") || text.components(separatedBy: quoted).count > 2
            guard maybeRepeated || same(member.value, other[member.key]!, text) else { return false }
        }
        return true
    }
}

/// `precondition` that prints its message in optimized builds too (the fuzz targets are -O).
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

/// Well-formedness of BCP 47 language tags (RFC 5646 `langtag` and private-use tags; the
/// grandfathered irregular tags are not accepted).
public enum LanguageTag {
    /// Whether `tag` is a well-formed BCP 47 tag. Case-insensitive.
    public static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.count <= 8 && $0.allSatisfy(isAlnum) }) else {
            return false
        }
        var i = 0
        if isSingleton(parts[0], "x") { return privateUse(parts, from: 1) }
        // language: 2-3 alpha (+ up to 3 extlang of 3 alpha), or 4-8 alpha
        guard parts[0].allSatisfy(isAlpha), (2...8).contains(parts[0].count) else { return false }
        i = 1
        if parts[0].count <= 3 {
            var extlangs = 0
            while i < parts.count, extlangs < 3, parts[i].count == 3, parts[i].allSatisfy(isAlpha) {
                i += 1
                extlangs += 1
            }
        }
        if i < parts.count, parts[i].count == 4, parts[i].allSatisfy(isAlpha) { i += 1 }  // script
        if i < parts.count,
            (parts[i].count == 2 && parts[i].allSatisfy(isAlpha))
                || (parts[i].count == 3 && parts[i].allSatisfy(isDigit))
        {
            i += 1  // region
        }
        while i < parts.count, isVariant(parts[i]) { i += 1 }
        var seen = Set<UInt8>()
        while i < parts.count, parts[i].count == 1, !isSingleton(parts[i], "x") {
            let singleton = parts[i][0] | 0x20
            guard seen.insert(singleton).inserted else { return false }
            i += 1
            var count = 0
            while i < parts.count, parts[i].count >= 2 {
                i += 1
                count += 1
            }
            guard count > 0 else { return false }
        }
        if i < parts.count, isSingleton(parts[i], "x") { return privateUse(parts, from: i + 1) }
        return i == parts.count
    }

    private static func privateUse(_ parts: [[UInt8]], from index: Int) -> Bool {
        index < parts.count && parts[index...].allSatisfy { !$0.isEmpty && $0.count <= 8 }
    }

    private static func isVariant(_ p: [UInt8]) -> Bool {
        (p.count >= 5 && p.count <= 8) || (p.count == 4 && isDigit(p[0]))
    }

    private static func isSingleton(_ p: [UInt8], _ letter: Character) -> Bool {
        p.count == 1 && (p[0] | 0x20) == letter.asciiValue!
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
}

/// A record's unique and lookup keys as stored beside its body, so a `put` can change only the
/// keys that changed (usually none) instead of deleting and inserting them all.
///
/// Text form: each key as `u` or `l`, its length in UTF-8 bytes, `:`, and the key, one after
/// another (`u14:domain:acme.io l9:partner:1` without the spaces): unambiguous whatever the
/// keys contain.
struct StoredKeys: Equatable {
    /// The unique keys, without repeats.
    var unique: [String]
    /// The lookup keys, without repeats.
    var lookup: [String]

    init(unique: [String], lookup: [String]) {
        self.unique = Self.distinct(unique)
        self.lookup = Self.distinct(lookup)
    }

    /// The text form.
    var encoded: String {
        var text = ""
        for key in unique { text += "u\(key.utf8.count):\(key)" }
        for key in lookup { text += "l\(key.utf8.count):\(key)" }
        return text
    }

    /// Parses the text form; nil when it is malformed.
    init?(encoded text: String) {
        var unique: [String] = []
        var lookup: [String] = []
        var bytes = Substring(text).utf8[...]
        while let tag = bytes.first {
            bytes = bytes.dropFirst()
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
                let count = Int(String(decoding: bytes[..<colon], as: UTF8.self)),
                count >= 0
            else { return nil }
            let start = bytes.index(after: colon)
            guard let end = bytes.index(start, offsetBy: count, limitedBy: bytes.endIndex) else { return nil }
            let key = String(decoding: bytes[start..<end], as: UTF8.self)
            switch tag {
            case UInt8(ascii: "u"): unique.append(key)
            case UInt8(ascii: "l"): lookup.append(key)
            default: return nil
            }
            bytes = bytes[end...]
        }
        self.unique = unique
        self.lookup = lookup
    }

    /// The keys without repeats, in first-seen order.
    private static func distinct(_ keys: [String]) -> [String] {
        guard keys.count > 1 else { return keys }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}

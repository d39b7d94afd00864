/// The server's page-token key, kept in the store so that tokens survive restarts and every
/// replica on one database opens the tokens of the others. Created once, at first start.
public struct PageTokenKey: StoredRecord {
    /// Stored kind `page-token-key`.
    public static let kind = RecordKind("page-token-key")
    /// The one record's id.
    public static let singletonId = "server"

    /// Always `server`.
    public var id: String
    /// Empty: the key belongs to the server, not to a partner.
    public var partnerId: String
    /// Hex of the 32 key bytes.
    public var keyHex: String

    /// A new random key.
    public init() {
        self.id = Self.singletonId
        self.partnerId = ""
        self.keyHex = Hex.encode(PageTokenCodec.randomBytes(PageTokenCodec.keyLength))
    }

    /// The key's bytes; `nil` when the stored text is not 64 hex digits.
    public var bytes: [UInt8]? {
        let digits = Array(keyHex.utf8)
        guard digits.count == PageTokenCodec.keyLength * 2 else { return nil }
        var out: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    /// The stored key, created when missing (call inside a write transaction at start).
    public static func ensure(in tx: any StoreWriting) throws -> PageTokenCodec {
        if let stored = try tx.get(PageTokenKey.self, id: singletonId), let bytes = stored.bytes {
            return PageTokenCodec(key: bytes)
        }
        let key = PageTokenKey()
        try tx.put(key)
        return PageTokenCodec(key: key.bytes ?? [])
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}

public import FramedJSON

extension RPCMetadata {
    /// Reads the `meta` member of a request from the validated bytes it arrived in, checking
    /// WIRE.md §4's rules and limits. A repeated key keeps its first occurrence (§3.1).
    /// - Parameters:
    ///   - meta: the member's value.
    ///   - maxBytes: the largest compact JSON encoding accepted (default 8192).
    ///   - maxKeys: the most keys accepted (default 64).
    /// - Throws: RESOURCE_EXHAUSTED (8) when a limit is passed, naming the limit and the actual
    ///   size; -32600 (INVALID_ARGUMENT) naming the key (`meta.timeoutMs`) when a key has the
    ///   wrong type or form, or when `meta` is not an object.
    public init(wire meta: JSONRawValue, maxBytes: Int, maxKeys: Int) throws(RPCError) {
        guard meta.kind == .object else {
            throw .invalidRequest("meta must be an object, got \(meta.parse().typeName)", field: "meta")
        }
        self.init()
        let object = Self.firstOccurrences(meta.members)
        if object.count > maxKeys {
            throw .limitExceeded("meta has \(object.count) keys, above the limit of \(maxKeys)", field: "meta")
        }
        // Within `maxBytes` as written and every value a string, integer, boolean or null: the
        // compact encoding cannot be larger (re-encoding only drops whitespace and shortens
        // escapes), so the size is not computed.
        let withinAsWritten = meta.byteCount <= maxBytes && Self.hasOnlyScalarTextValues(object)
        if !withinAsWritten, case let size = Self.encodedSize(object), size > maxBytes {
            throw .limitExceeded("meta is \(size) bytes, above the limit of \(maxBytes) bytes", field: "meta")
        }
        for member in object.members {
            // The field path is built only for an error: most calls carry a bearer token.
            var field: String { "meta." + member.key }
            switch member.key {
            case "timeoutMs":
                guard let ms = member.value.intValue, ms >= 0, ms <= 2_147_483_647 else {
                    throw .invalidRequest("\(field) must be an integer in 0...2147483647", field: field)
                }
                timeoutMs = ms
            case "streamWindow":
                guard let n = member.value.intValue, n >= 1, n <= 10_000 else {
                    throw .invalidRequest("\(field) must be an integer in 1...10000", field: field)
                }
                streamWindow = Int(n)
            case "authorization":
                guard case .string(let s) = member.value else {
                    throw .invalidRequest("\(field) must be a string", field: field)
                }
                authorization = s
            case "idempotencyKey":
                guard case .string(let s) = member.value, Self.isIdempotencyKey(s) else {
                    throw .invalidRequest("\(field) must be 1-128 printable ASCII characters", field: field)
                }
                idempotencyKey = s
            case "traceparent":
                guard case .string(let s) = member.value, Self.isTraceparent(s) else {
                    throw .invalidRequest("\(field) must be 00-<32 hex>-<16 hex>-<2 hex>", field: field)
                }
                traceparent = s
            default:
                guard case .string(let s) = member.value else {
                    throw .invalidRequest("\(field) must be a string, got \(member.value.typeName)", field: field)
                }
                custom[member.key] = s
            }
        }
    }

    /// The members of `meta` with a repeated name dropped after its first occurrence, values
    /// read: plain strings straight from their bytes, the rest parsed. Past 16 members a set
    /// keeps the check linear in the input.
    private static func firstOccurrences(_ raw: [JSONRawValue.Member]) -> JSONObject {
        var members: [JSONObject.Member] = []
        members.reserveCapacity(raw.count)
        var seen: Set<String>? = raw.count > 16 ? [] : nil
        for member in raw {
            if seen != nil {
                guard seen!.insert(member.key).inserted else { continue }
            } else if members.contains(where: { $0.key == member.key }) {
                continue
            }
            let value: JSONValue
            if member.value.isPlainString, let text = member.value.stringValue {
                value = .string(text)
            } else {
                value = member.value.parse()
            }
            members.append(JSONObject.Member(key: member.key, value: value))
        }
        return JSONObject(members)
    }

    /// The compact JSON size of `object` with string and integer members, counted without
    /// encoding it. Other value types are counted through an encoding (they are rejected later).
    static func encodedSize(_ object: JSONObject) -> Int {
        var size = 2 + max(0, object.count - 1)
        for member in object.members {
            size += quotedSize(member.key) + 1
            switch member.value {
            case .string(let s): size += quotedSize(s)
            case .int(let i): size += String(i).utf8.count
            default: size += member.value.encodedBytes.count
            }
        }
        return size
    }

    /// True when no value is a fraction, an array or an object: the values whose compact
    /// encoding may be longer than their text (`1e9` is written `1000000000`).
    static func hasOnlyScalarTextValues(_ object: JSONObject) -> Bool {
        for member in object.members {
            switch member.value {
            case .string, .int, .bool, .null: continue
            default: return false
            }
        }
        return true
    }

    private static func quotedSize(_ s: String) -> Int {
        var size = 2
        for byte in s.utf8 {
            switch byte {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x08, 0x0C: size += 2
            case 0..<0x20: size += 6
            default: size += 1
            }
        }
        return size
    }

    static func isIdempotencyKey(_ s: String) -> Bool {
        let utf8 = s.utf8
        guard !utf8.isEmpty, utf8.count <= 128 else { return false }
        return utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }

    static func isTraceparent(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 55, b[0] == 0x30, b[1] == 0x30, b[2] == 0x2D, b[35] == 0x2D, b[52] == 0x2D else {
            return false
        }
        func hex(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) }
        return b[3..<35].allSatisfy(hex) && b[36..<52].allSatisfy(hex) && b[53..<55].allSatisfy(hex)
    }
}

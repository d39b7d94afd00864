import FramedJSON

/// One frame as the per-frame debug log describes it: its size and what kind of message it
/// holds, read from the envelope's top-level members only. It never carries `params`,
/// `result` or `meta` (where a token travels), only names, ids and codes.
///
/// ```swift
/// let summary = RPCFrameSummary(payload: Array(#"{"jsonrpc":"2.0","id":7,"method":"Customers.Get"}"#.utf8))
/// // summary.kind == .request, summary.method == "Customers.Get", summary.id == "7"
/// ```
public struct RPCFrameSummary: Sendable, Hashable {
    /// What a frame holds (WIRE.md §3-§9).
    public enum Kind: String, Sendable, Hashable {
        /// A call with an id.
        case request
        /// A call without an id (`$/item`, `$/cancel`, `$/ping`, `$/goaway`, ... included).
        case notification
        /// An answer with `result`.
        case response
        /// An answer with `error`.
        case error
        /// A JSON array of messages.
        case batch
        /// Bytes that are not a JSON object or array.
        case invalid
    }

    /// The frame's size on the wire, length prefix included.
    public var bytes: Int
    /// What the frame holds.
    public var kind: Kind
    /// `method` of a request or notification, cut at 128 bytes.
    public var method: String?
    /// The `id` as JSON text (a string's characters, a number, `null`), cut at 64 characters.
    public var id: String?
    /// `error.code` of an error answer.
    public var code: Int?
    /// The number of messages in a batch.
    public var batchCount: Int?

    /// Creates a summary from its parts.
    public init(
        bytes: Int, kind: Kind, method: String? = nil, id: String? = nil, code: Int? = nil, batchCount: Int? = nil
    ) {
        self.bytes = bytes
        self.kind = kind
        self.method = method
        self.id = id
        self.code = code
        self.batchCount = batchCount
    }

    /// Describes one frame's payload (the bytes after the length prefix).
    public init(payload: [UInt8]) {
        let bytes = payload.count + Frame.headerSize
        switch try? JSONRawDocument(scanning: payload, maxDepth: 64) {
        case nil, .scalar?:
            self.init(bytes: bytes, kind: .invalid)
        case .array(let batch)?:
            self.init(bytes: bytes, kind: .batch, batchCount: batch.count)
        case .object(let object)?:
            var method: String?
            var id: String?
            var code: Int?
            var hasResult = false
            var hasError = false
            for i in 0..<object.count {
                if object.keyEquals(i, "method") {
                    method = object.value(at: i).stringValue.map { Self.cut($0, 128) }
                } else if object.keyEquals(i, "id") {
                    id = Self.describeID(object.value(at: i))
                } else if object.keyEquals(i, "result") {
                    hasResult = true
                } else if object.keyEquals(i, "error") {
                    hasError = true
                    code = object.value(at: i).member("code")?.parse().intValue.map { Int($0) }
                }
            }
            let kind: Kind =
                hasError
                ? .error : hasResult ? .response : method == nil ? .invalid : id == nil ? .notification : .request
            self.init(bytes: bytes, kind: kind, method: method, id: id, code: code)
        }
    }

    /// Describes every frame in `bytes`, a run of whole frames as a writer hands them to a
    /// transport. A trailing partial frame is described as `invalid` with its size.
    public static func frames(in bytes: [UInt8]) -> [RPCFrameSummary] {
        var summaries: [RPCFrameSummary] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= Frame.headerSize else {
                summaries.append(RPCFrameSummary(bytes: bytes.count - offset, kind: .invalid))
                break
            }
            let length =
                Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
                | Int(bytes[offset + 3])
            let start = offset + Frame.headerSize
            guard length <= bytes.count - start else {
                summaries.append(RPCFrameSummary(bytes: bytes.count - offset, kind: .invalid))
                break
            }
            summaries.append(RPCFrameSummary(payload: Array(bytes[start..<(start + length)])))
            offset = start + length
        }
        return summaries
    }

    private static func describeID(_ value: JSONRawValue) -> String {
        switch value.kind {
        case .string: return cut(value.stringValue ?? "", 64)
        case .null: return "null"
        default: return cut(String(decoding: value.storage[value.range], as: UTF8.self), 64)
        }
    }

    private static func cut(_ text: String, _ limit: Int) -> String {
        text.utf8.count > limit ? String(text.prefix(limit)) : text
    }
}

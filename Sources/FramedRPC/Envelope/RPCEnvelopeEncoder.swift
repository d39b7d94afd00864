public import FramedJSON

/// Encodes envelopes straight into framed bytes: the 4-byte length prefix is reserved, the
/// JSON written in place with `JSONWriter`, then the prefix is patched. No intermediate
/// `JSONValue` tree is built for results or items.
public enum RPCEnvelopeEncoder {
    /// A writer whose buffer starts with a reserved 4-byte frame header.
    @inlinable public static func beginFrame(capacity: Int = 256) -> JSONWriter {
        var w = JSONWriter(capacity: capacity)
        w.bytes.append(contentsOf: [0, 0, 0, 0] as [UInt8])
        return w
    }

    /// Patches the header reserved by `beginFrame` and returns the frame.
    @inlinable public static func endFrame(_ w: consuming JSONWriter) -> [UInt8] {
        var bytes = w.bytes
        Frame.patchHeader(in: &bytes, at: 0)
        return bytes
    }

    @inline(__always) static func openEnvelope(_ w: inout JSONWriter) {
        w.beginObject()
        w.key("jsonrpc" as StaticString)
        w.raw(staticBytes: "\"2.0\"")
    }

    // MARK: Responses

    /// Writes `{"jsonrpc":"2.0","id":X,"result":R}` (no frame header).
    public static func writeResponse(id: RPCID, result: any JSONEncodable, to w: inout JSONWriter) {
        openEnvelope(&w)
        w.key("id" as StaticString)
        id.encode(to: &w)
        w.key("result" as StaticString)
        result.encode(to: &w)
        w.endObject()
    }

    /// Writes `{"jsonrpc":"2.0","id":X,"error":{..}}` (no frame header).
    public static func writeError(id: RPCID, error: RPCError, to w: inout JSONWriter) {
        openEnvelope(&w)
        w.key("id" as StaticString)
        id.encode(to: &w)
        w.key("error" as StaticString)
        error.encodeWireError(to: &w)
        w.endObject()
    }

    /// A framed success response, written into a buffer of at least `capacity` bytes (the
    /// expected size: a buffer too small is grown, copying what it holds at each doubling).
    public static func responseFrame(id: RPCID, result: any JSONEncodable, capacity: Int = 1024) -> [UInt8] {
        var w = beginFrame(capacity: max(capacity, 64))
        writeResponse(id: id, result: result, to: &w)
        return endFrame(w)
    }

    /// A framed error response.
    public static func errorFrame(id: RPCID, error: RPCError) -> [UInt8] {
        var w = beginFrame()
        writeError(id: id, error: error, to: &w)
        return endFrame(w)
    }

    /// A framed batch response: `[part,part,...]`, each part one encoded response object.
    public static func batchFrame(_ parts: [[UInt8]]) -> [UInt8] {
        var w = beginFrame(capacity: parts.reduce(8) { $0 + $1.count + 1 })
        w.beginArray()
        for part in parts { w.raw(part) }
        w.endArray()
        return endFrame(w)
    }

    // MARK: Server notifications

    /// A framed `$/item` notification: `{"jsonrpc":"2.0","method":"$/item","params":{"id":X,"item":V}}`.
    public static func itemFrame(id: RPCID, item: any JSONEncodable) -> [UInt8] {
        var w = beginFrame()
        openEnvelope(&w)
        w.key("method")
        w.raw(staticBytes: "\"$/item\"")
        w.key("params")
        w.beginObject()
        w.key("id")
        id.encode(to: &w)
        w.key("item")
        item.encode(to: &w)
        w.endObject()
        w.endObject()
        return endFrame(w)
    }

    /// A framed `$/goaway` notification.
    public static func goawayFrame(reason: String, graceMs: Int64) -> [UInt8] {
        var w = beginFrame()
        openEnvelope(&w)
        w.key("method")
        w.string("$/goaway")
        w.key("params")
        w.beginObject()
        w.key("reason")
        w.string(reason)
        w.key("graceMs")
        w.int(graceMs)
        w.endObject()
        w.endObject()
        return endFrame(w)
    }

    // MARK: Client messages

    /// A framed request (or a notification when `id` is `nil`); `meta` is omitted when empty.
    public static func requestFrame(
        id: RPCID?, method: String, params: any JSONEncodable, metadata: RPCMetadata
    ) -> [UInt8] {
        var w = beginFrame()
        openEnvelope(&w)
        if let id {
            w.key("id")
            id.encode(to: &w)
        }
        w.key("method")
        w.string(method)
        w.key("params")
        params.encode(to: &w)
        if !metadata.isEmpty {
            w.key("meta")
            metadata.encode(to: &w)
        }
        w.endObject()
        return endFrame(w)
    }

    /// A framed `$/cancel` notification for call `id`.
    public static func cancelFrame(id: RPCID) -> [UInt8] {
        var w = beginFrame(capacity: 64)
        openEnvelope(&w)
        w.key("method")
        w.string("$/cancel")
        w.key("params")
        w.beginObject()
        w.key("id")
        id.encode(to: &w)
        w.endObject()
        w.endObject()
        return endFrame(w)
    }

    /// A framed `$/credit` notification granting `items` more items to call `id`.
    public static func creditFrame(id: RPCID, items: Int) -> [UInt8] {
        var w = beginFrame(capacity: 80)
        openEnvelope(&w)
        w.key("method")
        w.string("$/credit")
        w.key("params")
        w.beginObject()
        w.key("id")
        id.encode(to: &w)
        w.key("items")
        w.int(items)
        w.endObject()
        w.endObject()
        return endFrame(w)
    }
}

extension JSONWriter {
    /// Writes bytes known at compile time to be one valid JSON value.
    mutating func raw(staticBytes: StaticString) {
        raw(UnsafeBufferPointer(start: staticBytes.utf8Start, count: staticBytes.utf8CodeUnitCount))
    }
}

/// The empty object `{}` as a result.
public struct RPCEmptyResult: JSONEncodable, Sendable {
    /// Creates the value.
    public init() {}
    /// Writes `{}`.
    public func encode(to writer: inout JSONWriter) { writer.raw(staticBytes: "{}") }
}

public import FramedJSON

/// One frame read from the target: its bytes and the JSON they hold.
public struct ReceivedFrame: Sendable {
    /// The payload as received (without the length prefix).
    public var bytes: [UInt8]
    /// The parsed payload.
    public var value: JSONValue

    /// The payload as an object, if it is one.
    public var object: JSONObject? { value.objectValue }
    /// The payload as text, for messages.
    public var text: String { TranscriptRecorder.render(bytes) }
    /// The `method` of a notification or request (`$/item`, `$/goaway`), if any.
    public var method: String? { object?["method"]?.stringValue }
    /// True for a response (has `result` or `error`) whose `id` equals `id`.
    public func isResponse(to id: JSONValue) -> Bool {
        guard let object, object["method"] == nil, object["id"] == id else { return false }
        return object["result"] != nil || object["error"] != nil
    }
}

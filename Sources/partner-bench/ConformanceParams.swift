import FramedJSON

/// `Conformance.Echo` params: `{"message": "..."}`.
struct EchoParams: JSONEncodable, Sendable {
    var message: String
    func encode(to w: inout JSONWriter) {
        w.beginObject()
        w.key("message")
        w.string(message)
        w.endObject()
    }
}

/// `Conformance.Stream` params.
struct StreamParams: JSONEncodable, Sendable {
    var count: Int
    var itemBytes: Int
    func encode(to w: inout JSONWriter) {
        w.beginObject()
        w.key("count")
        w.int(count)
        w.key("itemBytes")
        w.int(itemBytes)
        w.endObject()
    }
}

import FramedRPC
import Testing

/// What the per-frame debug log says of a frame: kind, method, id and error code from the
/// envelope's top level, never its params, result or meta.
@Suite("Frame summary")
struct FrameSummaryTests {
    static func summary(_ json: String) -> RPCFrameSummary { RPCFrameSummary(payload: Array(json.utf8)) }

    @Test("a request names its method and id; its meta and params are not kept")
    func request() {
        let frame = Self.summary(
            #"{"jsonrpc":"2.0","id":7,"method":"Customers.Get","params":{"name":"x"},"meta":{"authorization":"Bearer secret"}}"#
        )
        #expect(frame.kind == .request && frame.method == "Customers.Get" && frame.id == "7")
        #expect(!"\(frame)".contains("secret") && !"\(frame)".contains("params"))
    }

    @Test("notifications, answers, errors, batches and garbage are told apart")
    func kinds() {
        #expect(Self.summary(#"{"jsonrpc":"2.0","method":"$/item","params":{"id":1}}"#).kind == .notification)
        #expect(Self.summary(#"{"jsonrpc":"2.0","id":"a","result":{}}"#).kind == .response)
        let error = Self.summary(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"m"}}"#)
        #expect(error.kind == .error && error.code == -32700 && error.id == "null")
        let batch = Self.summary(#"[{"jsonrpc":"2.0","id":1,"method":"A"},{"jsonrpc":"2.0","id":2,"method":"B"}]"#)
        #expect(batch.kind == .batch && batch.batchCount == 2)
        #expect(Self.summary("{nope").kind == .invalid)
        #expect(Self.summary(#"{"jsonrpc":"2.0","id":1}"#).kind == .invalid)
    }

    @Test("a run of whole frames is split at its length prefixes; sizes include the prefix")
    func framesInARun() {
        let first = Array(#"{"jsonrpc":"2.0","id":1,"result":{}}"#.utf8)
        let second = Array(#"{"jsonrpc":"2.0","method":"$/goaway"}"#.utf8)
        let run = Frame.encode(first) + Frame.encode(second)
        let frames = RPCFrameSummary.frames(in: run)
        #expect(frames.map(\.kind) == [.response, .notification])
        #expect(frames.map(\.bytes) == [first.count + 4, second.count + 4])
        #expect(frames[1].method == "$/goaway")
        #expect(RPCFrameSummary.frames(in: Array(run.dropLast(3))).last?.kind == .invalid)
    }
}

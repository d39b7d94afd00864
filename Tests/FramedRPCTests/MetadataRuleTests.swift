import FramedJSON
import FramedRPC
import Testing

@Suite("meta rules (WIRE.md §4)")
struct MetadataRuleTests {
    struct MetaCase: Sendable, CustomStringConvertible {
        var name: String
        var meta: String
        var code: Int64
        var field: String
        var messageHas: String
        var description: String { name }
    }

    static let manyKeys = "{" + (0..<65).map { "\"k\($0)\":\"v\"" }.joined(separator: ",") + "}"
    static let bigMeta = #"{"blob":""# + String(repeating: "a", count: 9000) + #""}"#

    static let cases: [MetaCase] = [
        .init(name: "65 keys", meta: manyKeys, code: 8, field: "meta", messageHas: "above the limit of 64"),
        .init(name: "9 KB", meta: bigMeta, code: 8, field: "meta", messageHas: "above the limit of 8192 bytes"),
        .init(
            name: "timeoutMs string", meta: #"{"timeoutMs":"5"}"#, code: -32600, field: "meta.timeoutMs",
            messageHas: "integer"),
        .init(
            name: "timeoutMs negative", meta: #"{"timeoutMs":-1}"#, code: -32600, field: "meta.timeoutMs",
            messageHas: "0...2147483647"),
        .init(
            name: "authorization number", meta: #"{"authorization":5}"#, code: -32600, field: "meta.authorization",
            messageHas: "string"),
        .init(
            name: "idempotencyKey too long",
            meta: #"{"idempotencyKey":""# + String(repeating: "k", count: 129) + #""}"#,
            code: -32600, field: "meta.idempotencyKey", messageHas: "1-128"),
        .init(
            name: "traceparent malformed", meta: #"{"traceparent":"00-abc"}"#, code: -32600, field: "meta.traceparent",
            messageHas: "hex"),
        .init(
            name: "streamWindow 0", meta: #"{"streamWindow":0}"#, code: -32600, field: "meta.streamWindow",
            messageHas: "1...10000"),
        .init(
            name: "custom key not a string", meta: #"{"tenant":{"x":1}}"#, code: -32600, field: "meta.tenant",
            messageHas: "string"),
    ]

    @Test(
        "meta violations: limits are RESOURCE_EXHAUSTED naming limit and size, wrong types -32600 naming the key",
        arguments: cases)
    func metaViolations(_ c: MetaCase) async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        peer.send(#"{"jsonrpc":"2.0","method":"Conformance.Echo","id":1,"meta":"# + c.meta + "}")
        let answer = try await peer.next()
        #expect(answer["id"] == 1)
        #expect(answer.errorCode == c.code)
        #expect(answer.errorField == c.field)
        #expect(answer.errorMessage?.contains(c.messageHas) == true, "\(answer.errorMessage ?? "")")
        await h.stop()
    }

    @Test("meta: known keys parse, custom string keys pass through to the handler")
    func customKeysPassThrough() async throws {
        let h = Harness()
        let peer = try await h.rawPeer()
        let trace = "00-" + String(repeating: "a", count: 32) + "-" + String(repeating: "b", count: 16) + "-01"
        peer.send(
            #"{"jsonrpc":"2.0","method":"Conformance.Echo","id":1,"params":{"message":[1,"two"]},"meta":{"timeoutMs":5000,"authorization":"Bearer t","idempotencyKey":"key-1","traceparent":""#
                + trace + #"","tenant":"acme","lang":"sv"}}"#)
        let answer = try await peer.next()
        #expect(answer["result"] == ["message": [1, "two"], "meta": ["lang": "sv", "tenant": "acme"]])
        await h.stop()
    }
}

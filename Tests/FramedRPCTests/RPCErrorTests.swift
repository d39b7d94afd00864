import FramedJSON
import FramedRPC
import Testing

/// WIRE.md §5: the statuses, written once in `RPCError.Code`, and the one mapping of what a
/// handler throws.
@Suite("RPCError")
struct RPCErrorTests {
    private struct QuotaError: RPCErrorConvertible {
        var rpcError: RPCError {
            RPCError(
                code: .resourceExhausted, message: "quota used up",
                details: [["field": "meta.authorization", "reason": "quota used up"]], retryAfterMs: 500)
        }
    }

    @Test("every status reads back from its name and from its number", arguments: RPCError.Code.allCases)
    func statusRoundTrips(code: RPCError.Code) {
        #expect(RPCError.Code(name: code.name) == code)
        #expect(RPCError.Code(rawValue: code.rawValue) == code)
    }

    @Test("the 17 statuses are gRPC's, numbered 0 to 16 in order")
    func seventeenStatuses() {
        #expect(RPCError.Code.allCases.map(\.rawValue) == Array(0...16))
        #expect(RPCError.Code.allCases.first?.name == "OK" && RPCError.Code.allCases.last?.name == "UNAUTHENTICATED")
    }

    @Test(
        "a JSON-RPC number alone reads as the status WIRE.md §5.3 gives it",
        arguments: [
            (RPCError.JSONRPCCode.parseError, RPCError.Code.invalidArgument),
            (RPCError.JSONRPCCode.invalidRequest, .invalidArgument),
            (RPCError.JSONRPCCode.invalidParams, .invalidArgument),
            (RPCError.JSONRPCCode.methodNotFound, .unimplemented), (RPCError.JSONRPCCode.internalError, .internalError),
            (5, .notFound), (16, .unauthenticated), (-32000, .unknown), (99, .unknown),
        ])
    func numberAloneReadsAsStatus(number: Int, status: RPCError.Code) {
        let error = RPCError(wireError: ["code": .int(Int64(number)), "message": "m"])
        #expect(error.code == status)
    }

    @Test("INTERNAL always answers -32603; other statuses their number unless a JSON-RPC number is set")
    func wireCodes() {
        #expect(RPCError(code: .internalError, message: "internal error").wireCode == -32603)
        #expect(RPCError(code: .notFound, message: "m").wireCode == 5)
        #expect(RPCError.invalidParams(field: "count", reason: "is required").wireCode == -32602)
        #expect(RPCError.parseError("x").wireCode == -32700)
        #expect(RPCError.invalidRequest("x").wireCode == -32600)
        #expect(RPCError.methodNotFound("X.Y").wireCode == -32601)
    }

    @Test("the mapping asks an RPCErrorConvertible for its own answer")
    func mappingAsksTheConformer() {
        let error = RPCError(mapping: QuotaError())
        #expect(error.code == .resourceExhausted && error.retryAfterMs == 500)
        #expect(error.details == [["field": "meta.authorization", "reason": "quota used up"]])
    }

    @Test("the mapping keeps an RPCError, names a decoding error's field, and hides anything else")
    func mappingOfTheRest() {
        let kept = RPCError(mapping: RPCError(code: .aborted, message: "stale"))
        #expect(kept.code == .aborted && kept.message == "stale")
        #expect(RPCError(mapping: CancellationError()).code == .cancelled)
        struct Secret: Error {}
        let hidden = RPCError(mapping: Secret())
        #expect(hidden.code == .internalError && hidden.message == "internal error" && hidden.cause is Secret)
    }
}

import FramedRPC
import PartnerConformance
import Testing

/// The conformance suite reads WIRE.md §5 on its own (`KnownStatus`, never the server's code),
/// as an independent oracle; this keeps the oracle and the runtime's one table in agreement.
@Suite("Conformance status oracle")
struct StatusOracleTests {
    @Test(
        "every status the runtime can answer is one the suite accepts, with the error.code the runtime sends",
        arguments: RPCError.Code.allCases.filter { $0 != .ok })
    func oracleAgreesWithRuntime(code: RPCError.Code) {
        let wireCode = Int64(RPCError(code: code, message: "m").wireCode)
        #expect(KnownStatus.problem(code: wireCode, status: code.name) == nil)
        #expect(KnownStatus.status(forCode: wireCode) == code.name)
    }

    @Test("the suite knows no status the runtime does not")
    func noExtraStatus() {
        #expect(Set(KnownStatus.codes.keys) == Set(RPCError.Code.allCases.filter { $0 != .ok }.map(\.name)))
    }
}

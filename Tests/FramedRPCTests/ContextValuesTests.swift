import FramedRPC
import Testing

private enum PrincipalKey: RPCContextKey { typealias Value = String }
private enum AttemptKey: RPCContextKey { typealias Value = Int }

@Suite("Context values")
struct ContextValuesTests {
    @Test("each key holds its own value: set, read, replaced, removed")
    func typedValuesByKey() {
        var values = RPCContextValues()
        #expect(values.isEmpty)
        #expect(values[PrincipalKey.self] == nil)
        values[PrincipalKey.self] = "agt_1"
        values[AttemptKey.self] = 2
        #expect(values[PrincipalKey.self] == "agt_1")
        #expect(values[AttemptKey.self] == 2)
        values[PrincipalKey.self] = "agt_2"
        #expect(values[PrincipalKey.self] == "agt_2")
        #expect(values[AttemptKey.self] == 2)
        values[PrincipalKey.self] = nil
        #expect(values[PrincipalKey.self] == nil)
        #expect(values[AttemptKey.self] == 2)
        values[AttemptKey.self] = nil
        #expect(values.isEmpty)
    }
}

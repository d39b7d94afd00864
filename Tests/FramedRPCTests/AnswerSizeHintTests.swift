import FramedJSON
import Synchronization
import Testing

@testable import FramedRPC

@Suite("An answer's buffer is sized from its method's latest answer")
struct AnswerSizeHintTests {
    /// The size the server expects `method`'s next answer to have.
    private func expectedSize(_ h: Harness, _ method: String) throws -> Int {
        try #require(h.server.core.methods[method]).answerSize.load(ordering: .relaxed)
    }

    private func echo(_ client: RPCClient, _ count: Int) async throws -> JSONValue {
        let message = String(repeating: "m", count: count)
        let answer = try await client.unary("Conformance.Echo", params: ["message": .string(message)] as JSONValue)
        #expect(answer["message"]?.stringValue == message)
        return answer
    }

    @Test("a large answer raises the expectation, one less than half as large lowers it again")
    func followsTheLatestAnswer() async throws {
        let h = Harness()
        let client = try await h.connectedClient()
        _ = try await echo(client, 10)
        #expect(try expectedSize(h, "Conformance.Echo") < 1024, "small answers need no more than the default")
        _ = try await echo(client, 40_000)
        let large = try expectedSize(h, "Conformance.Echo")
        #expect(large > 40_000)
        _ = try await echo(client, 30_000)
        #expect(try expectedSize(h, "Conformance.Echo") == large, "a somewhat smaller answer keeps it")
        _ = try await echo(client, 10)
        #expect(try expectedSize(h, "Conformance.Echo") < 1024)
        #expect(try expectedSize(h, "Health.Check") < 1024, "each method has its own")
        await client.close()
        await h.stop()
    }
}

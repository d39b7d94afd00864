import FramedJSON
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Tokens never reach the server's log or its data files: a `partner-server` at debug level
/// sees valid, revoked, unknown, wrong-secret and malformed tokens, then its log and every file
/// of its data folder are searched for each secret.
@Suite("Tokens stay out of logs and storage")
struct HostileTokenLogTests {
    /// Sends one call and returns its answer.
    static func call(_ socket: HostileSocket, id: Int, _ method: String, params: String = "{}", token: String?) throws
        -> JSONValue
    {
        let meta = token.map { #","meta":{"authorization":"Bearer \#($0)"}"# } ?? ""
        guard socket.sendFrame(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)\#(meta)}"#),
            let answer = try socket.readJSON(timeout: 20)
        else { throw HostileFailure("\(method): no answer") }
        return answer
    }

    @Test("valid, revoked, unknown, wrong and malformed tokens never appear in the log or the data files")
    func tokensNeverLogged() async throws {
        let server = try HostileServer.start()
        defer {
            server.stop()
            server.remove()
        }
        let secrets: [String] = try await Hostile.onThread {
            let socket = try HostileSocket(port: server.port)
            let bootstrap = try server.bootstrapToken()
            let agents = try Self.call(socket, id: 1, "Agents.List", token: bootstrap)
            guard let agentId = agents["result"]?["items"]?.arrayValue?.first?["id"]?.stringValue else {
                throw HostileFailure("Agents.List: \(agents)")
            }
            let created = try Self.call(
                socket, id: 2, "Tokens.Create", params: #"{"agentId":"\#(agentId)","label":"to-revoke"}"#, token: bootstrap)
            guard let revoked = created["result"]?["secret"]?.stringValue,
                let revokedId = created["result"]?["token"]?["id"]?.stringValue
            else { throw HostileFailure("Tokens.Create: \(created)") }
            _ = try Self.call(socket, id: 3, "Partners.GetProfile", token: revoked)
            _ = try Self.call(socket, id: 4, "Tokens.Revoke", params: #"{"tokenId":"\#(revokedId)"}"#, token: bootstrap)
            let unknown = "tok_0000unknown.Zm9yZ2VkLXNlY3JldC1mb3JnZWQtc2VjcmV0LWZvcmdlZA"
            let wrong = revokedId + ".V3JvbmdTZWNyZXRXcm9uZ1NlY3JldFdyb25nU2VjcmV0"
            let malformed = "MalformedSecretWithoutADot0123456789abcdef"
            var id = 10
            for (token, expected) in [
                (bootstrap, nil), (revoked, 16), (unknown, 16), (wrong, 16), (malformed, 16), (bootstrap, nil),
            ] as [(String, Int?)] {
                id += 1
                let answer = try Self.call(socket, id: id, "Customers.List", token: token)
                guard answer["error"]?["code"]?.intValue.map(Int.init) == expected else {
                    throw HostileFailure("Customers.List with a \(expected == nil ? "valid" : "bad") token: \(answer)")
                }
                let text = "\(answer)"
                guard !text.contains(token) else { throw HostileFailure("an answer echoes the token: \(text)") }
            }
            func secretHalf(_ token: String) -> String { String(token.split(separator: ".").last ?? "") }
            return [bootstrap, revoked, unknown, wrong, malformed].map(secretHalf)
        }
        #expect(server.stop() == 0)
        let log = server.log()
        #expect(log.contains("event=server.listening"), "the log was captured")
        for secret in secrets {
            #expect(!log.contains(secret), "the log holds a token secret")
        }
        // Every file of the data folder but the bootstrap token file, SQLite's WAL included.
        let files = try FileManager.default.contentsOfDirectory(atPath: server.data).filter { $0 != "bootstrap-token" }
        #expect(files.contains { $0.hasSuffix(".sqlite") })
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: server.data + "/" + file))
            for secret in secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds a token secret")
            }
        }
    }
}

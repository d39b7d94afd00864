import Foundation
import FramedJSON
import PartnerTestSupport
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
    static func call(
        _ socket: WireSocket, id: Int, _ method: String, params: String = "{}", token: String?,
        idempotencyKey: String? = nil
    ) throws -> JSONValue {
        var members: [String] = []
        if let token { members.append(#""authorization":"Bearer \#(token)""#) }
        if let idempotencyKey { members.append(#""idempotencyKey":"\#(idempotencyKey)""#) }
        let meta = members.isEmpty ? "" : #","meta":{"# + members.joined(separator: ",") + "}"
        guard socket.sendFrame(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)\#(meta)}"#),
            let answer = try socket.readJSON(timeout: 20)
        else { throw TestFailure("\(method): no answer") }
        return answer
    }

    @Test(
        "valid, revoked, unknown, wrong, malformed and idempotently created tokens never appear in the log or the data files"
    )
    func tokensNeverLogged() async throws {
        struct Seen: Sendable {
            var secrets: [String]
            var exitStatus: Int32
            var log: String
            var files: [String: [UInt8]]
        }
        let seen = try await onThread { () throws -> Seen in
            let server = try ServerProcess.startBlocking(options: ServerProcess.hostileOptions)
            defer { server.remove() }
            let secrets: [String]
            do {
                secrets = try Self.drive(server)
            } catch {
                server.terminateBlocking()
                throw error
            }
            let status = server.terminateBlocking()
            // Every file of the data folder and its subfolders but the bootstrap token file,
            // SQLite's WAL included.
            var files: [String: [UInt8]] = [:]
            for file in FileManager.default.subpaths(atPath: server.data) ?? [] where file != "bootstrap-token" {
                var isFolder: ObjCBool = false
                let path = server.data + "/" + file
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
                    continue
                }
                files[file] = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
            return Seen(secrets: secrets, exitStatus: status, log: server.log(), files: files)
        }
        #expect(seen.exitStatus == 0)
        #expect(seen.log.contains("event=server.listening"), "the log was captured")
        for secret in seen.secrets {
            #expect(!seen.log.contains(secret), "the log holds a token secret")
        }
        #expect(seen.files.keys.contains { $0.hasSuffix(".sqlite") })
        for (file, bytes) in seen.files {
            let data = Data(bytes)
            for secret in seen.secrets {
                #expect(data.range(of: Data(secret.utf8)) == nil, "\(file) holds a token secret")
            }
        }
    }

    /// Makes the calls; returns the secret half of every token used.
    static func drive(_ server: ServerProcess) throws -> [String] {
        let socket = try WireSocket(port: server.port)
        let bootstrap = try server.token()
        let agents = try Self.call(socket, id: 1, "Agents.List", token: bootstrap)
        guard let agentId = agents["result"]?["items"]?.arrayValue?.first?["id"]?.stringValue else {
            throw TestFailure("Agents.List: \(agents)")
        }
        let created = try Self.call(
            socket, id: 2, "Tokens.Create", params: #"{"agentId":"\#(agentId)","label":"to-revoke"}"#, token: bootstrap)
        guard let revoked = created["result"]?["secret"]?.stringValue,
            let revokedId = created["result"]?["token"]?["id"]?.stringValue
        else { throw TestFailure("Tokens.Create: \(created)") }
        _ = try Self.call(socket, id: 3, "Partners.GetProfile", token: revoked)
        // A token created with an idempotency key: its answer is recorded for replays, and
        // the secret must not be recorded with it.
        let keyed = try Self.call(
            socket, id: 5, "Tokens.Create", params: #"{"agentId":"\#(agentId)","label":"keyed"}"#, token: bootstrap,
            idempotencyKey: "create-keyed-token-1")
        guard let keyedSecret = keyed["result"]?["secret"]?.stringValue,
            let keyedId = keyed["result"]?["token"]?["id"]?.stringValue
        else { throw TestFailure("Tokens.Create with a key: \(keyed)") }
        let replay = try Self.call(
            socket, id: 6, "Tokens.Create", params: #"{"agentId":"\#(agentId)","label":"keyed"}"#, token: bootstrap,
            idempotencyKey: "create-keyed-token-1")
        guard replay["error"]?["code"]?.intValue == 6,
            replay["error"]?["message"]?.stringValue?.contains(keyedId) == true,
            !"\(replay)".contains(keyedSecret.split(separator: ".").last.map(String.init) ?? keyedSecret)
        else {
            throw TestFailure(
                "a replayed Tokens.Create must be ALREADY_EXISTS naming the token, without its secret: \(replay)")
        }
        guard try Self.call(socket, id: 7, "Partners.GetProfile", token: keyedSecret)["result"] != nil else {
            throw TestFailure("the keyed token does not authenticate")
        }
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
                throw TestFailure("Customers.List with a \(expected == nil ? "valid" : "bad") token: \(answer)")
            }
            let text = "\(answer)"
            guard !text.contains(token) else { throw TestFailure("an answer echoes the token: \(text)") }
        }
        func secretHalf(_ token: String) -> String { String(token.split(separator: ".").last ?? "") }
        return [bootstrap, revoked, unknown, wrong, malformed, keyedSecret].map(secretHalf)
    }
}

import FramedJSON
import Synchronization

/// Tokens of agents holding exactly one role, made over the wire once per run with the
/// suite's token (`Agents.Create`, then `Tokens.Create`) and shared by every case of the run.
enum RoleTokens {
    private static let cache = Mutex<[String: String]>([:])
    private static let creating = Mutex<Void>(())

    /// The token of an agent of the suite's partner whose only role is `role`.
    /// - Throws: ``CaseSkip`` without a token; ``CaseFailure`` when the target refuses to make one.
    static func token(role: String, _ context: CaseContext) throws -> String {
        let key = "\(context.target.host):\(context.target.port)/\(context.runID)/\(role)"
        if let token = cache.withLock({ $0[key] }) { return token }
        let admin = try context.authMeta()
        return try creating.withLock { _ in
            if let token = cache.withLock({ $0[key] }) { return token }
            let connection = try context.connect()
            let email = context.unique("conformance-\(role.lowercased())-") + "@example.org"
            let agent = try context.expectResult(
                connection.call(
                    "Agents.Create",
                    params: [
                        "displayName": .string("Conformance \(role) only"), "email": .string(email),
                        "roles": [.string(role)],
                    ],
                    meta: admin))
            guard let agentId = agent["id"]?.stringValue else { throw context.fail("Agents.Create returned no id") }
            let issued = try context.expectResult(
                connection.call(
                    "Tokens.Create", params: ["agentId": .string(agentId), "label": "conformance role check"],
                    meta: admin))
            guard let secret = issued["secret"]?.stringValue else {
                throw context.fail("Tokens.Create returned no secret")
            }
            cache.withLock { $0[key] = secret }
            return secret
        }
    }

    /// `{"authorization": "Bearer <token of an agent with only role>"}`.
    static func meta(role: String, _ context: CaseContext) throws -> JSONObject {
        ["authorization": .string("Bearer " + (try token(role: role, context)))]
    }
}

import FramedJSON

/// WIRE.md §12: bearer tokens in `meta.authorization`.
enum AuthCases {
    static var all: [ConformanceCase] {
        [
            refused("missing", "a method that needs a token, called without one, is 16 UNAUTHENTICATED", nil),
            refused(
                "unknown-token", "an unknown token is 16 UNAUTHENTICATED",
                "Bearer not-a-real-token-\(UInt32.random(in: 0...UInt32.max))"),
            refused(
                "other-scheme", "authorization not of the form Bearer <token> (Basic ...) is 16", "Basic dXNlcjpwYXNz"),
            refused("bearer-without-token", "\"Bearer\" with no token is 16", "Bearer"),
            refused("empty", "an empty authorization is 16", ""),
            withToken("valid", "a valid token is accepted", { "Bearer " + $0 }, accepted: true),
            withToken(
                "scheme-case-insensitive", "the scheme name is matched case-insensitively: bearer <token>",
                { "bearer " + $0 }, accepted: true),
            withToken(
                "scheme-upper-case", "the scheme name is matched case-insensitively: BEARER <token>",
                { "BEARER " + $0 }, accepted: true),
            withToken(
                "two-spaces", "the scheme is followed by exactly one space: Bearer  <token> is 16", { "Bearer  " + $0 },
                accepted: false),
            withToken(
                "trailing-space", "a token has no spaces: Bearer <token> followed by a space is 16",
                { "Bearer " + $0 + " " }, accepted: false),
            noToken("health", "Health.Check needs no token", "Health.Check"),
            noToken("discover", "rpc.discover needs no token", "rpc.discover"),
            ConformanceCase(
                "wire.auth.conformance-no-token",
                rule: "WIRE.md §12, §14.3: Conformance.Echo needs no token and ignores an invalid one",
                requires: [.conformanceService]
            ) { context in
                let connection = try context.connect()
                try connection.send(WireCheck.echo, id: 1, params: [:], meta: ["authorization": "Bearer not-a-token"])
                try context.expectResult(try connection.readResponse(id: 1))
            },
        ]
    }

    static func refused(_ name: String, _ rule: String, _ authorization: String?) -> ConformanceCase {
        ConformanceCase("wire.auth.\(name)", rule: "WIRE.md §12, §3.4 step 13: \(rule)") { context in
            let connection = try context.connect()
            let meta: JSONObject? = authorization.map { ["authorization": .string($0)] }
            try connection.send(try context.tokenOnlyMethod(), id: 1, params: [:], meta: meta)
            try context.expectError(try connection.readResponse(id: 1), code: 16, status: "UNAUTHENTICATED")
        }
    }

    static func withToken(
        _ name: String, _ rule: String, _ header: @escaping @Sendable (String) -> String, accepted: Bool
    )
        -> ConformanceCase
    {
        ConformanceCase("wire.auth.\(name)", rule: "WIRE.md §12: \(rule)", requires: [.token]) { context in
            let connection = try context.connect()
            let method = try context.tokenOnlyMethod()
            try connection.send(
                method, id: 1, params: [:], meta: ["authorization": .string(header(try context.requireToken()))])
            let response = try connection.readResponse(id: 1)
            if accepted {
                try context.expectResult(response)
            } else {
                try context.expectError(response, code: 16, status: "UNAUTHENTICATED")
            }
        }
    }

    static func noToken(_ name: String, _ rule: String, _ method: String) -> ConformanceCase {
        ConformanceCase("wire.auth.\(name)-no-token", rule: "WIRE.md §12: \(rule), and ignores an invalid one") {
            context in
            let connection = try context.connect()
            try context.expectResult(try connection.call(method, meta: ["authorization": "Bearer not-a-token"]))
            try context.expectResult(try connection.call(method))
        }
    }
}

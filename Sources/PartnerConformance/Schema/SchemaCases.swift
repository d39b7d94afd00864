public import FramedJSON

/// Cases generated at run time from the target's OpenRPC document.
///
/// WIRE.md §3.4 fixes the order of checks: the token (step 13), then params (14), then roles
/// (15). So param cases send the suite's valid token, role cases send params that are valid
/// for the schema and its rules, and no-token cases send valid params too, leaving the one
/// thing under test as the only fault.
public enum SchemaCases {
    /// The cases for every method `discovery` describes.
    public static func generate(from discovery: JSONObject) -> [ConformanceCase] {
        let methods = MethodDescription.all(in: discovery)
        var cases = documentCases(discovery, methods)
        for method in methods {
            cases += paramCases(method, discovery)
            cases += authCases(method)
            cases.append(errorsKnownCase(method))
        }
        cases += ResultCases.generate(methods)
        return cases
    }

    // MARK: the document itself

    static func documentCases(_ discovery: JSONObject, _ methods: [MethodDescription]) -> [ConformanceCase] {
        [
            ConformanceCase(
                "schema.document.keywords-covered",
                rule: "The suite's validator checks every JSON Schema keyword the OpenRPC document uses"
            ) { context in
                let unknown = SchemaValidator.unsupportedKeywords(in: try context.discoveryDocument())
                try context.expect(
                    unknown.isEmpty,
                    "the document uses keywords the suite does not check: "
                        + unknown.sorted { $0.key < $1.key }.map { "\($0.key) (at \($0.value))" }.joined(
                            separator: ", "))
            },
            ConformanceCase(
                "schema.document.methods-described",
                rule:
                    "rpc.discover (WIRE.md §14.2): every method has x-roles, x-mutating, x-idempotent, x-streaming, a result schema and its errors; streaming methods an x-item schema"
            ) { context in
                let document = try context.discoveryDocument()
                try context.expect(!methods.isEmpty, "the document lists no methods")
                for raw in document["methods"]?.arrayValue ?? [] {
                    let name = raw["name"]?.stringValue ?? "?"
                    for key in ["x-roles", "x-mutating", "x-idempotent", "x-streaming", "result", "errors"] {
                        try context.expect(raw[key] != nil, "\(name) lacks \(key)")
                    }
                    if raw["x-streaming"] == .bool(true) {
                        try context.expect(raw["x-item"] != nil, "streaming method \(name) lacks x-item")
                    }
                    let roles = raw["x-roles"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    let known: Set<String> = ["none", "salesAgent", "adminAgent"]
                    try context.expect(
                        !roles.isEmpty && roles.allSatisfy(known.contains)
                            && (roles == ["none"] || !roles.contains("none")),
                        "\(name) has x-roles \(roles): expected [\"none\"] or agent roles (WIRE.md §12)")
                }
            },
            ConformanceCase(
                "schema.document.methods-unique",
                rule: "OpenRPC: method names are unique within the document"
            ) { context in
                var seen = Set<String>()
                for method in methods {
                    try context.expect(seen.insert(method.name).inserted, "\(method.name) is listed twice")
                }
            },
        ]
    }

    // MARK: params

    static func paramCases(_ method: MethodDescription, _ discovery: JSONObject) -> [ConformanceCase] {
        let sampler = SampleParams(document: discovery)
        let requirements: Set<CaseRequirement> = method.isPublic ? [] : [.token]
        let meta: @Sendable (CaseContext) throws -> JSONObject? = { context in
            method.isPublic ? nil : try context.authMeta()
        }
        var cases: [ConformanceCase] = []

        for param in method.params where param.required {
            cases.append(
                ConformanceCase(
                    "schema.\(method.name).missing.\(param.name)",
                    rule:
                        "WIRE.md §3.4 step 14, §5.1: a required param missing is -32602 INVALID_ARGUMENT with a field violation naming it",
                    requires: requirements
                ) { context in
                    var params = try sampler.params(for: method)
                    params[param.name] = nil
                    let response = try context.connect().call(
                        method.name, params: .object(params), meta: try meta(context))
                    try context.expectError(response, code: -32602, status: "INVALID_ARGUMENT", field: param.name)
                })
            // One level down: required members of an object param.
            guard let object = sampler.validator.dereference(param.schema)?.objectValue,
                object["type"] == "object", let required = object["required"]?.arrayValue
            else { continue }
            for case .string(let member) in required {
                let path = "\(param.name).\(member)"
                cases.append(
                    ConformanceCase(
                        "schema.\(method.name).missing.\(path)",
                        rule: "WIRE.md §5.1: a nested required member missing is -32602 naming its dotted path",
                        requires: requirements
                    ) { context in
                        var params = try sampler.params(for: method)
                        guard var inner = params[param.name]?.objectValue else {
                            throw context.fail("sample \(param.name) is not an object")
                        }
                        inner[member] = nil
                        params[param.name] = .object(inner)
                        let response = try context.connect().call(
                            method.name, params: .object(params), meta: try meta(context))
                        try context.expectError(response, code: -32602, status: "INVALID_ARGUMENT", field: path)
                    })
            }
        }

        for param in method.params {
            if let wrong = sampler.wrongType(for: param.schema) {
                cases.append(
                    ConformanceCase(
                        "schema.\(method.name).wrong-type.\(param.name)",
                        rule:
                            "WIRE.md §3.4 step 14, §5.1: a param of the wrong JSON type is -32602 with a field violation naming it",
                        requires: requirements
                    ) { context in
                        var params = try sampler.params(for: method)
                        params[param.name] = wrong
                        let response = try context.connect().call(
                            method.name, params: .object(params), meta: try meta(context))
                        try context.expectError(response, code: -32602, status: "INVALID_ARGUMENT", field: param.name)
                    })
            }
            if let resolved = sampler.validator.dereference(param.schema), resolved["type"] == "string",
                let maximum = resolved["maxLength"]?.intValue, maximum < 100_000, resolved["enum"] == nil
            {
                cases.append(
                    ConformanceCase(
                        "schema.\(method.name).too-long.\(param.name)",
                        rule: "WIRE.md §5.1: a string above its maxLength (\(maximum)) is -32602 naming the field",
                        requires: requirements
                    ) { context in
                        var params = try sampler.params(for: method)
                        params[param.name] = .string(String(repeating: "a", count: Int(maximum) + 1))
                        let response = try context.connect().call(
                            method.name, params: .object(params), meta: try meta(context))
                        try context.expectError(response, code: -32602, status: "INVALID_ARGUMENT", field: param.name)
                    })
            }
            if let resolved = sampler.validator.dereference(param.schema), let choices = resolved["enum"]?.arrayValue,
                choices.allSatisfy({ $0.stringValue != nil })
            {
                cases.append(
                    ConformanceCase(
                        "schema.\(method.name).not-in-enum.\(param.name)",
                        rule: "WIRE.md §5.1: a string outside the param's enum is -32602 naming the field",
                        requires: requirements
                    ) { context in
                        var params = try sampler.params(for: method)
                        params[param.name] = "NOT_A_DOCUMENTED_VALUE"
                        let response = try context.connect().call(
                            method.name, params: .object(params), meta: try meta(context))
                        try context.expectError(response, code: -32602, status: "INVALID_ARGUMENT", field: param.name)
                    })
            }
        }

        cases += rangeCases(method, sampler, requirements, meta)

        cases.append(
            ConformanceCase(
                "schema.\(method.name).unknown-field",
                rule:
                    "WIRE.md §5.1: a param the method does not define is -32602 with the reason `is not a known field`",
                requires: requirements
            ) { context in
                var params = try sampler.params(for: method)
                params["conformanceUnknownField"] = "x"
                let response = try context.connect().call(method.name, params: .object(params), meta: try meta(context))
                try context.expectError(
                    response, code: -32602, status: "INVALID_ARGUMENT", field: "conformanceUnknownField")
            })
        cases.append(
            ConformanceCase(
                "schema.\(method.name).params-array",
                rule: "WIRE.md §3.2, §3.4 step 4: positional (array) params are -32602 `params must be an object`",
                requires: requirements
            ) { context in
                let response = try context.connect().call(method.name, params: [], meta: try meta(context))
                try context.expectError(response, code: -32602, status: "INVALID_ARGUMENT")
            })
        return cases
    }

    /// Values just outside a param's `minimum`/`maximum`, a string against its `pattern`, and an
    /// array whose first item is outside the items' enum (named `param[0]`).
    static func rangeCases(
        _ method: MethodDescription, _ sampler: SampleParams, _ requirements: Set<CaseRequirement>,
        _ meta: @escaping @Sendable (CaseContext) throws -> JSONObject?
    ) -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        func add(_ kind: String, _ param: MethodDescription.Param, _ value: JSONValue, field: String, _ rule: String) {
            // Only values the suite's own validator refuses make a case.
            guard !sampler.validator.isValid(value, against: param.schema) else { return }
            cases.append(
                ConformanceCase("schema.\(method.name).\(kind).\(param.name)", rule: rule, requires: requirements) {
                    context in
                    var params = try sampler.params(for: method)
                    params[param.name] = value
                    let response = try context.connect().call(
                        method.name, params: .object(params), meta: try meta(context))
                    try context.expectError(response, code: -32602, status: "INVALID_ARGUMENT", field: field)
                })
        }
        for param in method.params {
            guard let resolved = sampler.validator.dereference(param.schema) else { continue }
            if let minimum = resolved["minimum"]?.intValue, minimum > Int64.min {
                add(
                    "below-minimum", param, .int(minimum - 1), field: param.name,
                    "WIRE.md §5.1: \(minimum - 1), below the param's minimum \(minimum), is -32602 naming it")
            }
            if let maximum = resolved["maximum"]?.intValue, maximum < Int64.max {
                add(
                    "above-maximum", param, .int(maximum + 1), field: param.name,
                    "WIRE.md §5.1: \(maximum + 1), above the param's maximum \(maximum), is -32602 naming it")
            }
            if let pattern = resolved["pattern"]?.stringValue {
                add(
                    "pattern", param, "not matching!", field: param.name,
                    "WIRE.md §5.1: a string not matching the param's pattern \(pattern) is -32602 naming it")
            }
            if resolved["type"] == "array", let items = resolved["items"],
                sampler.validator.dereference(items)?["enum"] != nil
            {
                add(
                    "bad-item", param, ["NOT_A_DOCUMENTED_VALUE"], field: "\(param.name)[0]",
                    "WIRE.md §5.1: an array item outside the items' enum is -32602 naming it with its index (`\(param.name)[0]`)"
                )
            }
        }
        return cases
    }

    // MARK: tokens and roles

    static func authCases(_ method: MethodDescription) -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        if method.isPublic {
            cases.append(
                ConformanceCase(
                    "schema.\(method.name).no-token-needed",
                    rule:
                        "WIRE.md §12: a method whose x-roles is [\"none\"] needs no token; a bad one is ignored, never UNAUTHENTICATED"
                ) { context in
                    let sampler = SampleParams(document: try context.discoveryDocument())
                    let params = JSONValue.object(try sampler.params(for: method))
                    let connection = try context.connect()
                    for meta in [nil, ["authorization": "Bearer conformance-not-a-token"] as JSONObject] {
                        let response: JSONObject
                        if method.streaming {
                            response = try SchemaCases.firstAnswer(connection, method.name, params, meta: meta)
                        } else {
                            response = try connection.call(method.name, params: params, meta: meta)
                        }
                        let status = response["error"]?["data"]?["status"]?.stringValue
                        try context.expect(
                            status != "UNAUTHENTICATED" && status != "PERMISSION_DENIED",
                            "\(method.name) without a valid token answered \(status ?? "?")")
                    }
                })
            return cases
        }
        for (label, meta) in [
            ("no-token", nil), ("bad-token", ["authorization": "Bearer conformance-unknown-token"] as JSONObject?),
            ("malformed-authorization", ["authorization": "Basic dXNlcjpwYXNz"] as JSONObject?),
        ] {
            cases.append(
                ConformanceCase(
                    "schema.\(method.name).\(label)",
                    rule:
                        "WIRE.md §12, §3.4 step 13: a method with agent x-roles \(method.roles) answers 16 UNAUTHENTICATED when meta.authorization is missing, unknown or not `Bearer <token>`"
                ) { context in
                    let sampler = SampleParams(document: try context.discoveryDocument())
                    let response = try context.connect().call(
                        method.name, params: .object(try sampler.params(for: method)), meta: meta)
                    try context.expectError(response, code: 16, status: "UNAUTHENTICATED")
                })
        }
        for role in ["salesAgent", "adminAgent"] where !method.roles.contains(role) {
            cases.append(
                ConformanceCase(
                    "schema.\(method.name).role.\(role)-denied",
                    rule:
                        "WIRE.md §12, §3.4 step 15: an agent whose only role is \(role), not in x-roles \(method.roles), gets 7 PERMISSION_DENIED for valid params",
                    requires: [.token]
                ) { context in
                    let sampler = SampleParams(document: try context.discoveryDocument())
                    let params = JSONValue.object(try sampler.params(for: method))
                    let meta = try RoleTokens.meta(role: role, context)
                    let response = try context.connect().call(method.name, params: params, meta: meta)
                    try context.expectError(response, code: 7, status: "PERMISSION_DENIED")
                })
        }
        // A mutating method is only called with a made-up id (NOT_FOUND), so nothing changes.
        let harmless = !method.mutating || method.params.contains { $0.required && $0.name.hasSuffix("Id") }
        for role in method.roles where harmless {
            cases.append(
                ConformanceCase(
                    "schema.\(method.name).role.\(role)-allowed",
                    rule:
                        "WIRE.md §12: an agent whose only role is \(role), listed in x-roles, is not refused PERMISSION_DENIED or UNAUTHENTICATED",
                    requires: [.token]
                ) { context in
                    // A made-up id may well be NOT_FOUND: only auth, role and param refusals fail.
                    let sampler = SampleParams(document: try context.discoveryDocument())
                    let params = try sampler.params(for: method)
                    let meta = try RoleTokens.meta(role: role, context)
                    let connection = try context.connect()
                    let response =
                        method.streaming
                        ? try SchemaCases.firstAnswer(connection, method.name, .object(params), meta: meta)
                        : try connection.call(method.name, params: .object(params), meta: meta)
                    let status = response["error"]?["data"]?["status"]?.stringValue
                    try context.expect(
                        status != "PERMISSION_DENIED" && status != "UNAUTHENTICATED" && status != "INVALID_ARGUMENT",
                        "an agent with role \(role) got \(status ?? "?") from \(method.name)")
                })
        }
        return cases
    }

    /// Sends a streaming call and returns its response or, once its first `$/item` arrives, a
    /// synthetic `{"result":…}` after cancelling the stream (so the connection is left clean).
    static func firstAnswer(_ connection: RawConnection, _ method: String, _ params: JSONValue, meta: JSONObject?)
        throws
        -> JSONObject
    {
        let id = JSONValue.int(connection.nextID())
        var meta = meta ?? [:]
        if meta["timeoutMs"] == nil { meta["timeoutMs"] = 2000 }
        try connection.writeFrame(RawConnection.request(id: id, method: method, params: params, meta: meta))
        while true {
            let frame = try connection.readFrame()
            if frame.isResponse(to: id), let object = frame.object { return object }
            if frame.method == "$/item", frame.object?["params"]?["id"] == id {
                try connection.writeFrame(
                    .object(["jsonrpc": "2.0", "method": "$/cancel", "params": ["id": id]]))
                return ["jsonrpc": "2.0", "id": id, "result": frame.object?["params"]?["item"] ?? .null]
            }
        }
    }

    // MARK: documented errors

    static func errorsKnownCase(_ method: MethodDescription) -> ConformanceCase {
        ConformanceCase(
            "schema.\(method.name).errors-known",
            rule:
                "WIRE.md §5.2, §5.3: every error the document lists for the method is a known status with a code that status may carry; token methods document 16 and 7"
        ) { context in
            for error in method.errors {
                if let problem = KnownStatus.problem(code: error.code, status: error.status) {
                    throw context.fail("\(method.name) documents an error that is not a known status: \(problem)")
                }
            }
            let codes = Set(method.errors.compactMap(\.code))
            try context.expect(
                codes.contains(-32602) || method.params.isEmpty, "\(method.name) does not document -32602")
            if !method.isPublic {
                try context.expect(
                    codes.contains(16), "\(method.name) needs a token but does not document 16 UNAUTHENTICATED")
                try context.expect(
                    codes.contains(7), "\(method.name) has roles but does not document 7 PERMISSION_DENIED")
            }
        }
    }
}

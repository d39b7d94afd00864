public import FramedJSON
public import FramedRPC

/// How the hand-written server stubs register PartnerConsole methods: the descriptor comes from
/// the schema (authentication need, roles as tags), params are checked against the schema and
/// then decoded, so a bad param is always -32602 naming the field the schema names.
extension RPCRouter {
    /// Registers a unary method of `Protocol/partner.openrpc.json`.
    public mutating func register<Request, Response>(
        _ method: PartnerMethod<Request, Response>,
        handler: @escaping @Sendable (Request, RPCServerContext) async throws -> Response
    ) {
        let schema = PartnerSchema.compiledParamsSchema(for: method.name)
        registerUnary(PartnerMethodRegistration.descriptor(method.name, kind: .unary)) { rpcRequest, context in
            let params = try PartnerMethodRegistration.decodeParams(Request.self, rpcRequest.params, schema: schema)
            return try await handler(params, context)
        }
    }

    /// Registers a server-streaming method of `Protocol/partner.openrpc.json`: the handler
    /// sends each item through the writer and returns the closing result.
    public mutating func register<Request, Item, Result>(
        _ method: PartnerStreamingMethod<Request, Item, Result>,
        handler: @escaping @Sendable (Request, RPCServerContext, RPCStreamWriter) async throws -> Result
    ) {
        let schema = PartnerSchema.compiledParamsSchema(for: method.name)
        registerServerStreaming(PartnerMethodRegistration.descriptor(method.name, kind: .serverStreaming)) {
            rpcRequest, context, writer in
            let params = try PartnerMethodRegistration.decodeParams(Request.self, rpcRequest.params, schema: schema)
            return try await handler(params, context, writer)
        }
    }
}

/// Shared pieces of the server stubs.
public enum PartnerMethodRegistration {
    /// The descriptor of `method` as the schema defines it: public methods need no token; tags
    /// carry the roles (`role:salesAgent`), `mutating` and `idempotent`.
    public static func descriptor(_ method: String, kind: RPCMethodDescriptor.Kind) -> RPCMethodDescriptor {
        guard let schema = PartnerSchema.methodsByName[method] else {
            preconditionFailure("\(method) is not in Protocol/partner.openrpc.json")
        }
        var tags = Set(schema.roles.map { "role:\($0)" })
        if schema.isMutating { tags.insert("mutating") }
        if schema.isIdempotent { tags.insert("idempotent") }
        return RPCMethodDescriptor(name: method, kind: kind, requiresAuthentication: !schema.isPublic, tags: tags)
    }

    /// Checks `request.params` against the method's params schema, then decodes them.
    /// - Throws: INVALID_ARGUMENT (-32602) whose details list every violation
    ///   (`[{"field": "postalAddress.postalCode", "reason": "is required"}]`) and whose message
    ///   names the first.
    public static func decodeParams<T: JSONDecodable>(_ type: T.Type, _ request: RPCRequest) throws(RPCError) -> T {
        try decodeParams(type, request.params, schema: PartnerSchema.compiledParamsSchema(for: request.method))
    }

    /// Checks `params` against `schema` (the method's, compiled once at registration; nil
    /// checks nothing), then decodes them.
    /// - Throws: INVALID_ARGUMENT (-32602) as `decodeParams(_:_:)`.
    public static func decodeParams<T: JSONDecodable>(
        _ type: T.Type, _ params: JSONValue, schema: CompiledSchema?
    ) throws(RPCError) -> T {
        let violations = schema?.validate(params) ?? []
        if let first = violations.first {
            var error = RPCError.invalidParams(field: first.field, reason: first.reason)
            error.details = violations.map { ["field": .string($0.field), "reason": .string($0.reason)] }
            throw error
        }
        do {
            return try T(json: params, path: "")
        } catch {
            throw RPCError.invalidParams(field: error.field, reason: error.reason)
        }
    }
}

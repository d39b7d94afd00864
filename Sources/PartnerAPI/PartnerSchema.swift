public import FramedJSON

/// The PartnerConsole contract (`Protocol/partner.openrpc.json`) as data: every method, its
/// params and result schemas, its roles and flags.
///
/// The server validates params against `paramsSchema(for:)` before decoding them, so every
/// -32602 answer names the offending field exactly as the schema does.
public enum PartnerSchema {
    /// One method as the document describes it.
    public struct Method: Sendable {
        /// The wire name, e.g. "Customers.Create".
        public var name: String
        /// `x-roles`: "salesAgent", "adminAgent", or ["none"] for methods that need no agent.
        public var roles: [String]
        /// `x-mutating`.
        public var isMutating: Bool
        /// `x-idempotent`: safe to retry on UNAVAILABLE.
        public var isIdempotent: Bool
        /// `x-streaming`: items arrive as `$/item` notifications.
        public var isStreaming: Bool
        /// The params as one JSON Schema object (by-name params, unknown names rejected).
        public var paramsSchema: JSONValue
        /// The result schema.
        public var resultSchema: JSONValue
        /// For streaming methods, the schema of each item (`x-item`), when given.
        public var itemSchema: JSONValue?
        /// The status names the method documents (`errors[].data.status`).
        public var errorStatuses: [String]

        /// True when the method needs no bearer token.
        public var isPublic: Bool { roles == ["none"] }
    }

    /// The parsed document.
    public static let document: JSONValue = {
        do {
            return try JSONParser(maxDepth: 128).parse(documentText)
        } catch {
            fatalError("the embedded OpenRPC document does not parse: \(error)")
        }
    }()

    /// Every method, in document order.
    public static let methods: [Method] = (document["methods"]?.arrayValue ?? []).map(makeMethod)

    /// Methods by name.
    public static let methodsByName: [String: Method] = Dictionary(
        methods.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// A validator resolving the document's `$ref`s.
    public static let validator = JSONSchemaValidator(root: document)

    /// Checks `params` of `method` against the schema.
    /// - Returns: the violations, empty when valid (or when the method is unknown).
    public static func validateParams(_ params: JSONValue, method: String) -> [JSONSchemaViolation] {
        compiledParamsSchema(for: method)?.validate(params) ?? []
    }

    /// The params schema of `method` compiled for repeated validation (the same violations as
    /// `validator` reports), or nil for an unknown method.
    public static func compiledParamsSchema(for method: String) -> CompiledSchema? {
        compiledParams[method]
    }

    private static let compiledParams: [String: CompiledSchema] = methodsByName.mapValues {
        CompiledSchema($0.paramsSchema, root: document)
    }

    private static func makeMethod(_ value: JSONValue) -> Method {
        var required: [JSONValue] = []
        var properties = JSONObject()
        for param in value["params"]?.arrayValue ?? [] {
            guard let name = param["name"]?.stringValue else { continue }
            properties[name] = param["schema"] ?? .object([:])
            if param["required"] == .bool(true) { required.append(.string(name)) }
        }
        let paramsSchema: JSONValue = [
            "type": "object", "required": .array(required), "properties": .object(properties),
            "additionalProperties": false,
        ]
        return Method(
            name: value["name"]?.stringValue ?? "",
            roles: (value["x-roles"]?.arrayValue ?? []).compactMap(\.stringValue),
            isMutating: value["x-mutating"] == .bool(true),
            isIdempotent: value["x-idempotent"] == .bool(true),
            isStreaming: value["x-streaming"] == .bool(true),
            paramsSchema: paramsSchema,
            resultSchema: value["result"]?["schema"] ?? .object([:]),
            itemSchema: value["x-item"],
            errorStatuses: (value["errors"]?.arrayValue ?? []).compactMap { $0["data"]?["status"]?.stringValue })
    }
}

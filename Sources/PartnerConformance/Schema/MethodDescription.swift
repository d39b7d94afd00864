public import FramedJSON

/// One method of an OpenRPC document as the schema cases read it: params, result and item
/// schemas, roles, flags, documented errors.
public struct MethodDescription: Sendable {
    /// One named param.
    public struct Param: Sendable {
        /// Its name in `params`.
        public var name: String
        /// Whether the method needs it.
        public var required: Bool
        /// Its JSON Schema.
        public var schema: JSONValue
    }

    /// One documented error.
    public struct DocumentedError: Sendable {
        /// `error.code`.
        public var code: Int64?
        /// `data.status`, when the document gives one.
        public var status: String?
    }

    /// `Customers.Create`.
    public var name: String
    /// The params in document order.
    public var params: [Param]
    /// The result's schema (`{}` when absent).
    public var resultSchema: JSONValue
    /// The `x-item` schema of a streaming method.
    public var itemSchema: JSONValue?
    /// `x-roles`: `["none"]`, or agent roles of which the caller needs one.
    public var roles: [String]
    /// `x-mutating`.
    public var mutating: Bool
    /// `x-idempotent`.
    public var idempotent: Bool
    /// `x-streaming`.
    public var streaming: Bool
    /// `errors`.
    public var errors: [DocumentedError]

    /// True when the method needs no token (`x-roles` is `["none"]`).
    public var isPublic: Bool { roles == ["none"] }

    /// The params as one object schema: `properties`, `required`, and no other members.
    public var paramsSchema: JSONValue {
        let properties = JSONObject(params.map { .init(key: $0.name, value: $0.schema) })
        return [
            "type": "object", "properties": .object(properties),
            "required": .array(params.filter(\.required).map { .string($0.name) }), "additionalProperties": false,
        ]
    }

    /// Reads one entry of an OpenRPC `methods` array; `nil` when it has no name.
    public init?(_ value: JSONValue) {
        guard let name = value["name"]?.stringValue else { return nil }
        self.name = name
        params = (value["params"]?.arrayValue ?? []).compactMap { param in
            guard let name = param["name"]?.stringValue else { return nil }
            return Param(name: name, required: param["required"] == .bool(true), schema: param["schema"] ?? [:])
        }
        resultSchema = value["result"]?["schema"] ?? [:]
        itemSchema = value["x-item"]
        roles = (value["x-roles"]?.arrayValue ?? []).compactMap(\.stringValue)
        mutating = value["x-mutating"] == .bool(true)
        idempotent = value["x-idempotent"] == .bool(true)
        streaming = value["x-streaming"] == .bool(true)
        errors = (value["errors"]?.arrayValue ?? []).map {
            DocumentedError(code: $0["code"]?.intValue, status: $0["data"]?["status"]?.stringValue)
        }
    }

    /// Every method of `document`, in document order.
    public static func all(in document: JSONObject) -> [MethodDescription] {
        (document["methods"]?.arrayValue ?? []).compactMap(MethodDescription.init)
    }
}

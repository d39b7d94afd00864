public import FramedJSON
import FramedRPC

extension ConformanceService {
    /// The OpenRPC method objects of `Conformance.Echo` and `Conformance.Stream` (WIRE.md
    /// §14.3). `rpc.discover` lists them when the server serves this service (WIRE.md §14.2).
    public var openRPCMethods: [JSONValue] { Self.openRPCMethods }

    /// The same method objects, without an instance.
    public static let openRPCMethods: [JSONValue] = [
        [
            "name": "Conformance.Echo",
            "summary": "Echoes message and custom meta, after delayMs; fails with status when asked.",
            "paramStructure": "by-name",
            "params": [
                param("message", [:]),
                param("delayMs", integer(maxDelayMs)),
                param("status", ["oneOf": [["type": "string", "enum": .array(statusNames)], integer(16)]]),
                param("statusMessage", ["type": "string"]),
                param("responseBytes", integer(maxResponseBytes)),
            ],
            "result": [
                "name": "result",
                "schema": [
                    "type": "object", "required": ["message", "meta"],
                    "properties": [
                        "message": [:], "meta": ["type": "object", "additionalProperties": ["type": "string"]],
                        "padding": ["type": "string"],
                    ],
                ],
            ],
            "errors": errors,
            "x-roles": ["none"], "x-mutating": false, "x-idempotent": true, "x-streaming": false,
        ],
        [
            "name": "Conformance.Stream",
            "summary": "Streams count items ($/item) intervalMs apart, each with itemBytes of padding.",
            "paramStructure": "by-name",
            "params": [
                param("count", integer(maxCount)), param("intervalMs", integer(maxDelayMs)),
                param("itemBytes", integer(maxItemBytes)),
            ],
            "result": [
                "name": "result",
                "schema": ["type": "object", "required": ["count"], "properties": ["count": integer(maxCount)]],
            ],
            "errors": errors,
            "x-roles": ["none"], "x-mutating": false, "x-idempotent": true, "x-streaming": true,
            "x-item": [
                "type": "object", "required": ["index"],
                "properties": ["index": integer(maxCount), "padding": ["type": "string"]],
            ],
        ],
    ]

    private static var statusNames: [JSONValue] { RPCError.Code.allCases.map { .string($0.name) } }

    private static func integer(_ maximum: Int64) -> JSONValue {
        ["type": "integer", "minimum": 0, "maximum": .int(maximum)]
    }

    private static func param(_ name: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "required": false, "schema": schema]
    }

    private static var errors: JSONValue {
        [
            [
                "code": -32602, "message": "Params violate the schema; data.details names the field.",
                "data": ["status": "INVALID_ARGUMENT"],
            ],
            ["code": 4, "message": "The deadline passed.", "data": ["status": "DEADLINE_EXCEEDED"]],
            ["code": 1, "message": "The client cancelled the call.", "data": ["status": "CANCELLED"]],
        ]
    }
}

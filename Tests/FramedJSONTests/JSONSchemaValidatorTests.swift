import FramedJSON
import Testing

@Suite("JSON Schema validation")
struct JSONSchemaValidatorTests {
    let document: JSONValue = [
        "components": [
            "schemas": [
                "Address": [
                    "type": "object",
                    "required": ["regionCode", "postalCode"],
                    "additionalProperties": false,
                    "properties": [
                        "regionCode": ["type": "string", "pattern": "^[A-Z]{2}$"],
                        "postalCode": ["type": "string", "minLength": 1, "maxLength": 16],
                    ],
                ],
                "Customer": [
                    "type": "object",
                    "required": ["id", "address", "seats"],
                    "properties": [
                        "id": ["type": "string"],
                        "state": ["enum": ["ACTIVE", "INVITED"]],
                        "address": ["$ref": "#/components/schemas/Address"],
                        "seats": ["type": "integer", "minimum": 1, "maximum": 300],
                        "createTime": ["type": "string", "format": "date-time"],
                        "tags": ["type": "array", "items": ["type": "string"], "maxItems": 2],
                    ],
                ],
            ]
        ]
    ]

    var validator: JSONSchemaValidator { JSONSchemaValidator(root: document) }
    let customerRef: JSONValue = ["$ref": "#/components/schemas/Customer"]

    @Test("a value that meets every keyword has no violations")
    func valid() {
        let value: JSONValue = [
            "id": "cus_1", "state": "ACTIVE", "address": ["regionCode": "IT", "postalCode": "00100"],
            "seats": 10, "createTime": "2026-11-23T08:31:00.5Z", "tags": ["a"],
        ]
        #expect(validator.validate(value, against: customerRef).isEmpty)
    }

    @Test(
        "each broken keyword is reported at its path",
        arguments: [
            (["id": "c", "address": ["regionCode": "IT", "postalCode": "1"]] as JSONValue, "seats", "is required"),
            (
                ["id": "c", "seats": 0, "address": ["regionCode": "IT", "postalCode": "1"]], "seats",
                "must be at least 1"
            ),
            (
                ["id": "c", "seats": 1.5, "address": ["regionCode": "IT", "postalCode": "1"]], "seats",
                "must be of type integer, got number"
            ),
            (
                ["id": "c", "seats": 1, "address": ["regionCode": "it", "postalCode": "1"]], "address.regionCode",
                "must match the pattern ^[A-Z]{2}$"
            ),
            (
                ["id": "c", "seats": 1, "address": ["regionCode": "IT", "postalCode": "1", "x": 1]], "address.x",
                "is not a known field"
            ),
            (
                ["id": "c", "seats": 1, "state": "GONE", "address": ["regionCode": "IT", "postalCode": "1"]], "state",
                #"must be one of ["ACTIVE", "INVITED"]"#
            ),
            (
                [
                    "id": "c", "seats": 1, "createTime": "2026-13-01T00:00:00Z",
                    "address": ["regionCode": "IT", "postalCode": "1"],
                ], "createTime", "must be a valid date-time"
            ),
            (
                ["id": "c", "seats": 1, "tags": ["a", 2], "address": ["regionCode": "IT", "postalCode": "1"]],
                "tags[1]", "must be of type string, got integer"
            ),
            (
                ["id": "c", "seats": 1, "tags": ["a", "b", "c"], "address": ["regionCode": "IT", "postalCode": "1"]],
                "tags", "must have at most 2 items, has 3"
            ),
        ] as [(JSONValue, String, String)]
    )
    func violations(value: JSONValue, path: String, reason: String) {
        let found = validator.validate(value, against: customerRef)
        #expect(found.contains(JSONSchemaViolation(field: path, reason: reason)), "got \(found)")
    }

    @Test("an unresolvable reference is itself a violation, not a pass")
    func unresolvable() {
        let found = validator.validate(.object([:]), against: ["$ref": "#/components/schemas/Missing"])
        #expect(found.map(\.reason) == ["unresolvable schema reference #/components/schemas/Missing"])
    }

    @Test("oneOf needs exactly one match")
    func oneOf() {
        let schema: JSONValue = ["oneOf": [["type": "integer"], ["type": "number"]]]
        #expect(!validator.validate(3, against: schema).isEmpty)
        #expect(validator.validate(3.5, against: schema).isEmpty)
    }

    @Test(
        "formats",
        arguments: [
            ("date-time", "2026-11-23T08:31:00+01:00", true), ("date-time", "2026-11-23 08:31:00Z", false),
            ("email", "ops@example.com", true), ("email", "ops@example", false), ("email", "a b@example.com", false),
            ("byte", "aGk=", true), ("byte", "aGk", false), ("date", "2026-02-01", true), ("date", "2026-2-1", false),
        ])
    func formats(format: String, value: String, valid: Bool) {
        #expect(JSONSchemaFormats.matches(value, format: format) == valid)
    }
}

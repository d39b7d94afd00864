import Foundation
import FramedJSON
import PartnerConformance
import Testing

/// The suite's own JSON Schema validator, the samples it makes and the status table it judges
/// documented errors by.
@Suite("Conformance schema validator")
struct SchemaValidatorTests {
    static let document: JSONObject = [
        "components": [
            "schemas": [
                "Address": [
                    "type": "object", "required": ["postalCode", "regionCode"],
                    "properties": [
                        "postalCode": ["type": "string", "minLength": 1, "maxLength": 5],
                        "regionCode": ["type": "string", "pattern": "^[A-Z]{2}$"],
                    ],
                    "additionalProperties": false,
                ],
                "Line": [
                    "type": "object", "required": ["sku"],
                    "properties": [
                        "sku": ["type": "string"], "seats": ["type": "integer", "minimum": 1, "maximum": 10],
                    ],
                ],
                "a/b": ["type": "boolean"],
            ]
        ]
    ]
    static let validator = SchemaValidator(document: document)

    static func paths(_ value: JSONValue, _ schema: JSONValue) -> [String] {
        validator.validate(value, against: schema).map(\.field)
    }

    @Test(
        "type accepts a name or an array of names; 1.0 is an integer, 1.5 is not",
        arguments: [
            (JSONValue.int(1), JSONValue.string("integer"), true), (.double(1.0), "integer", true),
            (.double(1.5), "integer", false),
            (.double(1.5), "number", true), (.string("x"), "number", false), (.null, ["string", "null"], true),
            (.bool(true), ["string", "null"], false), (.array([]), "array", true), (.object([:]), "array", false),
            (.bool(false), "boolean", true), (.object([:]), "object", true),
        ] as [(JSONValue, JSONValue, Bool)])
    func types(value: JSONValue, type: JSONValue, valid: Bool) {
        #expect(Self.validator.isValid(value, against: ["type": type]) == valid)
    }

    @Test("a wrong type is reported with both type names")
    func typeReason() {
        let violations = Self.validator.validate(["n": "7"], against: ["properties": ["n": ["type": "integer"]]])
        #expect(violations == [JSONSchemaViolation(field: "n", reason: "must be an integer, got string")])
    }

    @Test("nested required members are named by their dotted path")
    func nestedRequired() {
        let schema: JSONValue = ["type": "object", "properties": ["address": ["$ref": "#/components/schemas/Address"]]]
        #expect(Self.paths(["address": ["regionCode": "IT"]], schema) == ["address.postalCode"])
        let reasons = Self.validator.validate(["address": ["regionCode": "IT"]], against: schema).map(\.reason)
        #expect(reasons == ["is required"])
    }

    @Test("array elements are named by index: items[2].sku")
    func itemPaths() {
        let schema: JSONValue = [
            "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/Line"]]]
        ]
        let value: JSONValue = ["items": [["sku": "a"], ["sku": "b", "seats": 3], ["seats": 11]]]
        #expect(Self.paths(value, schema) == ["items[2].sku", "items[2].seats"])
    }

    @Test("additionalProperties false names each unknown member; a schema checks them instead")
    func additionalProperties() {
        let closed: JSONValue = ["type": "object", "properties": ["a": [:]], "additionalProperties": false]
        let violations = Self.validator.validate(["a": 1, "b": 2, "c": 3], against: closed)
        #expect(violations.map(\.field) == ["b", "c"])
        #expect(violations.allSatisfy { $0.reason == "is not a known field" })
        let typed: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]
        #expect(Self.paths(["x": "ok", "y": 1], typed) == ["y"])
        #expect(Self.validator.isValid(["anything": 1], against: ["type": "object"]))
    }

    @Test("string lengths count code points; pattern is unanchored unless anchored")
    func strings() {
        let schema: JSONValue = ["type": "string", "minLength": 2, "maxLength": 3]
        #expect(Self.validator.isValid("éé", against: schema))
        #expect(!Self.validator.isValid("é", against: schema))
        #expect(!Self.validator.isValid("abcd", against: schema))
        #expect(Self.validator.isValid("xxABxx", against: ["pattern": "[A-Z]{2}"]))
        #expect(!Self.validator.isValid("xxABxx", against: ["pattern": "^[A-Z]{2}$"]))
        #expect(Self.validator.isValid("2026-03", against: ["pattern": "^[0-9]{4}-[0-9]{2}$"]))
    }

    @Test("numbers: minimum, maximum, exclusive bounds and multipleOf")
    func numbers() {
        let schema: JSONValue = ["type": "integer", "minimum": 1, "maximum": 10]
        #expect(Self.validator.isValid(1, against: schema) && Self.validator.isValid(10, against: schema))
        #expect(!Self.validator.isValid(0, against: schema) && !Self.validator.isValid(11, against: schema))
        #expect(!Self.validator.isValid(1, against: ["exclusiveMinimum": 1]))
        #expect(Self.validator.isValid(.double(1.5), against: ["exclusiveMinimum": 1, "exclusiveMaximum": 2]))
        #expect(
            Self.validator.isValid(9, against: ["multipleOf": 3])
                && !Self.validator.isValid(10, against: ["multipleOf": 3]))
        #expect(Self.validator.isValid(.int(Int64.max), against: ["maximum": .int(Int64.max)]))
        #expect(!Self.validator.isValid(.int(Int64.max), against: ["maximum": .int(Int64.max - 1)]))
    }

    @Test("arrays: minItems, maxItems, uniqueItems by JSON value")
    func arrays() {
        let schema: JSONValue = ["type": "array", "minItems": 1, "maxItems": 2, "uniqueItems": true]
        #expect(!Self.validator.isValid([], against: schema))
        #expect(!Self.validator.isValid([1, 2, 3], against: schema))
        #expect(!Self.validator.isValid([1, .double(1.0)], against: schema), "1 and 1.0 are the same JSON value")
        #expect(
            !Self.validator.isValid([["a": 1, "b": 2], ["b": 2, "a": 1]], against: schema),
            "member order does not matter")
        #expect(Self.validator.isValid(["a", "b"], against: schema))
    }

    @Test("enum and const compare JSON values")
    func enumAndConst() {
        #expect(Self.validator.isValid("PDF", against: ["enum": ["PDF", "CSV"]]))
        #expect(!Self.validator.isValid("XLSX", against: ["enum": ["PDF", "CSV"]]))
        #expect(Self.validator.isValid(.double(2.0), against: ["const": 2]))
        #expect(!Self.validator.isValid(3, against: ["const": 2]))
    }

    @Test("$ref resolves JSON pointers with ~1 escapes; an unresolvable $ref is a violation, never a pass")
    func references() {
        #expect(Self.validator.isValid(true, against: ["$ref": "#/components/schemas/a~1b"]))
        #expect(!Self.validator.isValid("x", against: ["$ref": "#/components/schemas/a~1b"]))
        let missing = Self.validator.validate(1, against: ["$ref": "#/components/schemas/Nothing"])
        #expect(missing.count == 1)
        #expect(missing.first?.reason.contains("does not resolve") == true)
        #expect(Self.validator.dereference(["$ref": "#/components/schemas/Line"])?["required"] == ["sku"])
    }

    @Test("allOf, anyOf, oneOf and not")
    func combinators() {
        let string: JSONValue = ["type": "string"]
        let short: JSONValue = ["maxLength": 2]
        #expect(Self.validator.isValid("ab", against: ["allOf": [string, short]]))
        #expect(!Self.validator.isValid("abc", against: ["allOf": [string, short]]))
        #expect(Self.validator.isValid(1, against: ["anyOf": [string, ["type": "integer"]]]))
        #expect(!Self.validator.isValid(true, against: ["anyOf": [string, ["type": "integer"]]]))
        #expect(!Self.validator.isValid("ab", against: ["oneOf": [string, short]]), "matches both")
        #expect(Self.validator.isValid("abc", against: ["oneOf": [string, short]]))
        #expect(!Self.validator.isValid("x", against: ["not": string]))
    }

    @Test(
        "formats: date-time, date, email and byte",
        arguments: [
            ("date-time", "2026-11-23T10:15:30Z", true), ("date-time", "2026-11-23t10:15:30.125+01:00", true),
            ("date-time", "2026-02-30T10:15:30Z", false), ("date-time", "2026-11-23 10:15:30Z", false),
            ("date-time", "2026-11-23T24:00:00Z", false), ("date-time", "2026-11-23T10:15:30", false),
            ("date", "2024-02-29", true), ("date", "2025-02-29", false),
            ("email", "anna@galli.it", true), ("email", "anna.galli+x@example.org", true), ("email", "anna@", false),
            ("email", "@galli.it", false), ("email", "anna galli@galli.it", false), ("email", "anna@-galli.it", false),
            ("byte", "JVBERi0=", true), ("byte", "", true), ("byte", "JVBERi0", false), ("byte", "JV=ERi0=", false),
            ("uri", "anything goes", true),
        ])
    func formats(format: String, value: String, valid: Bool) {
        #expect(
            Self.validator.isValid(.string(value), against: ["type": "string", "format": .string(format)]) == valid)
    }

    @Test("a keyword the validator does not know is listed with where it occurs")
    func unsupportedKeywords() {
        let document: JSONObject = [
            "methods": [
                [
                    "name": "M", "params": [["name": "p", "schema": ["type": "object", "dependentRequired": [:]]]],
                    "result": ["schema": [:]],
                ]
            ],
            "components": ["schemas": ["S": ["properties": ["x": ["contains": ["type": "string"]]]]]],
        ]
        let found = SchemaValidator.unsupportedKeywords(in: document)
        #expect(Set(found.keys) == ["dependentRequired", "contains"])
        #expect(found["dependentRequired"] == "M.params[0]")
    }

    @Test("the status table follows WIRE.md §5.2 and §5.3")
    func knownStatus() {
        #expect(KnownStatus.problem(code: -32602, status: "INVALID_ARGUMENT") == nil)
        #expect(KnownStatus.problem(code: 3, status: "INVALID_ARGUMENT") == nil)
        #expect(KnownStatus.problem(code: 16, status: "UNAUTHENTICATED") == nil)
        #expect(KnownStatus.problem(code: 13, status: "INTERNAL") != nil, "INTERNAL always uses -32603")
        #expect(KnownStatus.problem(code: 5, status: "NOT_FOUNDISH") != nil)
        #expect(KnownStatus.problem(code: 17, status: nil) != nil)
        #expect(KnownStatus.problem(code: 7, status: "NOT_FOUND") != nil)
        #expect(KnownStatus.status(forCode: -32601) == "UNIMPLEMENTED")
    }

    @Test("simple anchored patterns yield a matching sample")
    func patternSamples() {
        for pattern in ["^[0-9]{4}-[0-9]{2}$", "^[A-Z]{2}$", "^[A-Z]{3}$", "^ab\\d{2}$"] {
            let sample = SampleParams.sample(matching: pattern)
            #expect(sample != nil, "no sample for \(pattern)")
            #expect(
                sample.map { Self.validator.isValid(.string($0), against: ["pattern": .string(pattern)]) } == true,
                "\(pattern)")
        }
        #expect(SampleParams.sample(matching: "^(a|b)+$") == nil)
        let sampler = SampleParams(document: Self.document)
        #expect(sampler.wrongType(for: [:]) == nil, "a schema that accepts anything has no wrong type")
        #expect(sampler.wrongType(for: ["type": "string"]) == 12345)
        #expect(sampler.wrongType(for: ["$ref": "#/components/schemas/Address"]) == ["not an object"])
    }
}

/// The validator and the samples against the project's own OpenRPC document.
@Suite("Conformance schema validator on Protocol/partner.openrpc.json")
struct SchemaValidatorDocumentTests {
    static func load() throws -> JSONObject {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Protocol/partner.openrpc.json")
        let data = try Data(contentsOf: url)
        return try #require(try JSONParser(maxDepth: 512).parse(Array(data)).objectValue)
    }

    @Test("the validator covers every keyword the document uses")
    func keywordsCovered() throws {
        #expect(SchemaValidator.unsupportedKeywords(in: try Self.load()).isEmpty)
    }

    @Test("every method's sample params validate, and each wrong-type value is refused by the param's schema")
    func samples() throws {
        let document = try Self.load()
        let sampler = SampleParams(document: document)
        let methods = MethodDescription.all(in: document)
        #expect(methods.count >= 54)
        for method in methods {
            let params = try sampler.params(for: method)
            #expect(sampler.validator.isValid(.object(params), against: method.paramsSchema), "\(method.name)")
            for param in method.params {
                let wrong = try #require(sampler.wrongType(for: param.schema), "\(method.name).\(param.name)")
                #expect(!sampler.validator.isValid(wrong, against: param.schema), "\(method.name).\(param.name)")
            }
        }
    }

    @Test("a result missing a required member or with a value outside its enum is caught, with paths")
    func brokenResult() throws {
        let document = try Self.load()
        let validator = SchemaValidator(document: document)
        let method = try #require(MethodDescription.all(in: document).first { $0.name == "Customers.List" })
        let customer: JSONValue = [
            "id": "cus_1", "organisationName": "Acme", "displayName": "Acme", "primaryDomain": "acme.it",
            "customerType": "DOMAIN", "cloudIdentityId": "C1", "primaryAdminEmail": "admin@acme.it",
            "languageCode": "it",
            "regionCode": "IT", "timeZone": "Europe/Rome", "resellerAccess": false, "domainVerified": true,
            "state": "ACTIVE", "etag": "v1", "createTime": "2026-11-23T10:00:00Z", "updateTime": "2026-11-23T10:00:00Z",
        ]
        #expect(validator.validate(["items": [customer]], against: method.resultSchema).isEmpty)
        var broken = try #require(customer.objectValue)
        broken["etag"] = nil
        broken["state"] = "GONE"
        broken["createTime"] = "yesterday"
        broken["extra"] = true
        let violations = validator.validate(["items": [customer, .object(broken)]], against: method.resultSchema)
        #expect(
            Set(violations.map(\.field)) == [
                "items[1].etag", "items[1].state", "items[1].createTime", "items[1].extra",
            ])
    }

    @Test("the schema cases are generated for every method, with unique names")
    func generatedCases() throws {
        let cases = SchemaCases.generate(from: try Self.load())
        let names = cases.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.contains("schema.Customers.Create.missing.postalAddress.postalCode"))
        #expect(names.contains("schema.Orders.Place.role.adminAgent-denied"))
        #expect(names.contains("schema.Health.Check.no-token-needed"))
        #expect(names.contains("schema.Events.Watch.items-valid"))
        #expect(cases.count > 300)
    }

    @Test("domain cases are named domain.* and unique, at least 30")
    func domainCases() {
        let names = DomainCases.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("domain.") })
        #expect(names.count >= 30)
    }
}

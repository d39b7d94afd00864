import FramedJSON
import PartnerAPI
import PartnerConformance
import Testing

/// The compiled params schemas against an independent oracle, the conformance suite's own
/// validator: the same verdict and no offending path the oracle does not name, for every method and a spread of
/// right and wrong values.
@Suite("Compiled params schemas")
struct CompiledSchemaTests {
    /// Values tried in every param: each type, edge lengths and numbers, nested shapes.
    static let probes: [JSONValue] = [
        .null, true, 0, -5, 1, 50, 200, 201, 100_000, 1.5, 2.0, "", "x", "cus_123", "ACTIVE", "DOMAIN",
        "2026-01-02T03:04:05Z", "2026-01", "a@example.com", "example.com", "+39 02 1234", "it-IT", "Europe/Rome",
        .string(String(repeating: "a", count: 64)), .string(String(repeating: "a", count: 65)),
        .string(String(repeating: "ü", count: 60)), .string(String(repeating: "👍", count: 70)),
        .string(String(repeating: "b", count: 300)), .string(String(repeating: "c", count: 600)),
        [], ["a"], ["a", "a"], ["primaryDomain", "alternateEmail"], ["salesAgent"], [1, 2],
        [:], ["regionCode": "IT"], ["regionCode": "IT", "postalCode": "20121", "addressLines": ["a", "b", 3]],
        ["instituteType": "K12"], ["name": "n", "email": "not an email"],
    ]

    @Test("every method's params: the compiled schema finds what the conformance suite's validator finds")
    func sameViolations() {
        let oracle = SchemaValidator(document: PartnerSchema.document)
        var compared = 0
        for method in PartnerSchema.methods {
            guard let compiled = PartnerSchema.compiledParamsSchema(for: method.name) else {
                Issue.record("no compiled params schema for \(method.name)")
                continue
            }
            let names = method.paramsSchema["properties"]?.objectValue?.keys ?? []
            var samples: [JSONValue] = [[:], .null, "text", [1], ["unknownField": 1]]
            for name in names {
                for probe in Self.probes {
                    samples.append(.object([name: probe]))
                    // The same probe beside every other param set to the same probe.
                    var all = JSONObject()
                    for other in names { all[other] = probe }
                    samples.append(.object(all))
                }
            }
            for sample in samples {
                let expected = Set(oracle.validate(sample, against: method.paramsSchema).map(\.field))
                let actual = Set(compiled.validate(sample).map(\.field))
                // The same verdict; every path named is one the oracle names too (the oracle may
                // add the array itself beside its failing items).
                #expect(actual.isEmpty == expected.isEmpty, "\(method.name) \(sample)")
                #expect(actual.isSubset(of: expected), "\(method.name) \(sample)")
                compared += 1
            }
        }
        #expect(compared > 1000)
    }

    @Test("nested params: a wrong field inside an address names its full path")
    func nestedPath() throws {
        let compiled = try #require(PartnerSchema.compiledParamsSchema(for: "Customers.Update"))
        let params: JSONValue = [
            "customerId": "cus_1", "etag": "1", "updateMask": ["postalAddress"],
            "postalAddress": ["regionCode": "IT", "addressLines": ["a", 7]],
        ]
        let violations = compiled.validate(params)
        #expect(violations.contains { $0.field == "postalAddress.addressLines[1]" })
        #expect(violations.contains { $0.field == "postalAddress.postalCode" && $0.reason == "is required" })
    }
}

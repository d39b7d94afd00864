import FramedJSON
import PartnerAPI
import Testing

/// Issue #13, "a contract people can read": every method has a summary and a description that
/// explains each documented error, every param and schema property a description, and the
/// examples of the main flows are valid against their method's schemas.
@Suite("Schema documentation")
struct SchemaDocumentationTests {
    static let methods = PartnerSchema.document["methods"]?.arrayValue ?? []

    @Test("every method has a summary and a description naming its roles and each documented error")
    func methodsDescribed() {
        #expect(Self.methods.count == PartnerSchema.methods.count)
        for method in Self.methods {
            let name = method["name"]?.stringValue ?? "?"
            let summary = method["summary"]?.stringValue ?? ""
            let description = method["description"]?.stringValue ?? ""
            #expect(!summary.isEmpty, "\(name) has no summary")
            #expect(description.count > summary.count, "\(name) has no description")
            #expect(description.contains("Roles: "), "\(name)'s description does not say its roles")
            for status in (method["errors"]?.arrayValue ?? []).compactMap({ $0["data"]?["status"]?.stringValue }) {
                #expect(
                    description.contains("- \(status): "), "\(name)'s description does not say when \(status) happens")
            }
        }
    }

    @Test("every param of every method has a description")
    func paramsDescribed() {
        for method in Self.methods {
            for param in method["params"]?.arrayValue ?? [] {
                let description = param["schema"]?["description"]?.stringValue ?? ""
                #expect(
                    !description.isEmpty,
                    "\(method["name"]?.stringValue ?? "?") param \(param["name"]?.stringValue ?? "?") has no description"
                )
            }
        }
    }

    /// The property paths without a description in `schema` (recursively into inline objects).
    static func undescribed(_ schema: JSONValue, path: String) -> [String] {
        var missing: [String] = []
        if let properties = schema["properties"]?.objectValue {
            for member in properties.members {
                if member.value["description"]?.stringValue?.isEmpty ?? true { missing.append("\(path).\(member.key)") }
                missing += undescribed(member.value, path: "\(path).\(member.key)")
            }
        }
        if let items = schema["items"] { missing += undescribed(items, path: path) }
        return missing
    }

    @Test("every component schema and every property has a description")
    func schemasDescribed() {
        let schemas = PartnerSchema.document["components"]?["schemas"]?.objectValue ?? [:]
        #expect(!schemas.members.isEmpty)
        for member in schemas.members {
            let (name, schema) = (member.key, member.value)
            #expect(!(schema["description"]?.stringValue?.isEmpty ?? true), "schema \(name) has no description")
            #expect(Self.undescribed(schema, path: name) == [])
        }
        for method in Self.methods {
            let name = method["name"]?.stringValue ?? "?"
            #expect(Self.undescribed(method["result"]?["schema"] ?? .null, path: name) == [])
        }
    }

    @Test("the main flows have examples whose params and results are valid")
    func examplesValid() {
        var named: Set<String> = []
        for method in Self.methods {
            let name = method["name"]?.stringValue ?? "?"
            guard let examples = method["examples"]?.arrayValue else { continue }
            named.insert(name)
            let schema = PartnerSchema.methodsByName[name]
            #expect(schema != nil, "\(name) has examples but is not in the schema")
            for example in examples {
                var params = JSONObject()
                for param in example["params"]?.arrayValue ?? [] {
                    if let key = param["name"]?.stringValue { params[key] = param["value"] ?? .null }
                }
                #expect(PartnerSchema.validateParams(.object(params), method: name).isEmpty, "\(name) example params")
                let result = example["result"]?["value"] ?? .null
                let violations = PartnerSchema.validator.validate(result, against: schema?.resultSchema ?? .null)
                #expect(violations.isEmpty, "\(name) example result: \(violations)")
            }
        }
        for flow in ["Customers.Create", "Customers.List", "Invitations.Send", "Orders.Place", "Subscriptions.Cancel"] {
            #expect(named.contains(flow), "\(flow) has no example")
        }
    }
}

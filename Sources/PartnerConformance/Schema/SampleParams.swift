public import FramedJSON

/// Params that are valid for a method's schema and its documented rules, made from the schema
/// itself, with plausible values for the names whose rules a schema cannot say (a domain, a
/// language tag, a time zone). Every generated object is checked with ``SchemaValidator``
/// before use, so a sample the suite believes valid really is valid against the document.
public struct SampleParams: Sendable {
    /// Resolves `$ref`s and checks the samples.
    public let validator: SchemaValidator

    /// Creates a generator for `document`.
    public init(document: JSONObject) { validator = SchemaValidator(document: document) }

    /// Values by param or member name, used when they are valid for that schema. They keep
    /// the rules the schema does not state: a registered domain with the admin inside it and the
    /// alternate email outside it, a BCP 47 language, an IANA time zone, a month long ended.
    static let plausible: [String: JSONValue] = [
        "domain": "conformance-sample.example",
        "primaryDomain": "conformance-sample.example",
        "primaryAdminEmail": "admin@conformance-sample.example",
        "alternateEmail": "backup@example.net",
        "email": "owner@conformance-sample.example",
        "supportEmail": "support@example.org",
        "businessEmail": "someone@example.org",
        "languageCode": "en",
        "regionCode": "US",
        "timeZone": "Europe/Rome",
        "billingMonth": "2000-01",
        "phoneNumber": "+39 02 1234567",
        "businessPhone": "+39 02 1234567",
        "websiteUrl": "https://example.org",
        "postalCode": "20121",
        "currency": "USD",
        "organisationName": "Conformance Sample S.r.l.",
        "displayName": "Conformance Sample",
        "name": "Conformance Sample",
        "firstName": "Ada",
        "lastName": "Sample",
        "sku": "conformance-sample-sku",
        "token": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "reason": "conformance sample",
        "label": "conformance sample",
    ]

    /// Extra optional params a method's rules need besides its required ones (a seat change
    /// needs `seats` or `delta`; a contact needs a person or a user), keyed by method.
    static let ruleParams: [String: JSONObject] = [
        "Subscriptions.ChangeSeats": ["delta": 1],
        "Customers.Update": ["displayName": "Conformance Sample"],
        "Contacts.Create": ["firstName": "Ada", "lastName": "Sample", "businessEmail": "ada@example.org"],
        "Contacts.Update": ["firstName": "Ada"],
        "Partners.UpdateProfile": ["name": "Conformance Sample"],
        "Agents.Update": ["displayName": "Conformance Sample"],
        "Customers.Create": ["alternateEmail": "backup@example.net"],
    ]

    /// Required params (plus the optional ones the method's rules need), each valid.
    /// - Throws: ``CaseFailure`` when the suite cannot make a value its own validator accepts.
    public func params(for method: MethodDescription) throws -> JSONObject {
        var object = JSONObject()
        for param in method.params where param.required {
            object[param.name] = try value(for: param.schema, named: param.name)
        }
        for member in Self.ruleParams[method.name]?.members ?? [] where object[member.key] == nil {
            if method.params.contains(where: { $0.name == member.key }) { object[member.key] = member.value }
        }
        let violations = validator.validate(.object(object), against: method.paramsSchema)
        guard violations.isEmpty else {
            throw CaseFailure("the suite's sample params for \(method.name) break its schema: \(violations)")
        }
        return object
    }

    /// A valid value for `schema` (`name` picks a plausible value when one fits).
    /// - Throws: ``CaseFailure`` when none can be made.
    public func value(for schema: JSONValue, named name: String) throws -> JSONValue {
        if let candidate = Self.plausible[name], validator.isValid(candidate, against: schema) { return candidate }
        return try generate(schema, named: name, depth: 0)
    }

    private func generate(_ schema: JSONValue, named name: String, depth: Int) throws -> JSONValue {
        guard depth < 16, let resolved = validator.dereference(schema), let keywords = resolved.objectValue else {
            throw CaseFailure("cannot make a sample for \(name): unresolvable schema \(schema)")
        }
        if let constant = keywords["const"] { return constant }
        if let first = keywords["enum"]?.arrayValue?.first { return first }
        if let options = (keywords["oneOf"] ?? keywords["anyOf"])?.arrayValue, let first = options.first {
            return try generate(first, named: name, depth: depth + 1)
        }
        let type = keywords["type"]?.stringValue ?? keywords["type"]?.arrayValue?.first?.stringValue ?? "object"
        switch type {
        case "string": return .string(sampleString(keywords, named: name))
        case "integer", "number":
            let minimum = keywords["minimum"]?.intValue ?? 1
            let maximum = keywords["maximum"]?.intValue ?? Int64.max
            return .int(min(max(minimum, 1), maximum))
        case "boolean": return .bool(false)
        case "null": return .null
        case "array":
            let count = Int(keywords["minItems"]?.intValue ?? 1)
            let items = keywords["items"] ?? [:]
            var elements: [JSONValue] = []
            let choices = validator.dereference(items)?["enum"]?.arrayValue
            for index in 0..<max(count, 1) {
                if let choices, index < choices.count {
                    elements.append(choices[index])
                } else {
                    elements.append(try generate(items, named: name, depth: depth + 1))
                }
            }
            return .array(elements)
        default:
            var object = JSONObject()
            let properties = keywords["properties"]?.objectValue ?? [:]
            for case .string(let member) in keywords["required"]?.arrayValue ?? [] {
                let memberSchema = properties[member] ?? [:]
                object[member] = try value(for: memberSchema, named: member)
            }
            return .object(object)
        }
    }

    private func sampleString(_ keywords: JSONObject, named name: String) -> String {
        if let format = keywords["format"]?.stringValue {
            switch format {
            case "email": return "someone@example.org"
            case "date-time": return "2026-01-01T00:00:00Z"
            case "date": return "2026-01-01"
            case "byte": return "AAAA"
            default: break
            }
        }
        if let pattern = keywords["pattern"]?.stringValue, let sample = Self.sample(matching: pattern) { return sample }
        let minimum = Int(keywords["minLength"]?.intValue ?? 1)
        let maximum = Int(keywords["maxLength"]?.intValue ?? 64)
        let base = name.hasSuffix("Id") ? "\(name.dropLast(2))_conformance" : "sample"
        var text = String(base.prefix(maximum))
        while text.count < max(minimum, 1) && text.count < maximum { text += "x" }
        return text
    }

    /// A string matching a simple anchored pattern made of literals, `[a-z0-9]`-style classes
    /// and `{n}` counts (`^[0-9]{4}-[0-9]{2}$`), or `nil` for anything richer.
    public static func sample(matching pattern: String) -> String? {
        var characters = Array(pattern)[...]
        if characters.first == "^" { characters = characters.dropFirst() }
        if characters.last == "$" { characters = characters.dropLast() }
        var output = ""
        while let character = characters.popFirst() {
            var unit: Character
            switch character {
            case "[":
                guard let close = characters.firstIndex(of: "]"), let first = characters.first, first != "^" else {
                    return nil
                }
                unit = first
                characters = characters[(close + 1)...]
            case "\\":
                guard let escaped = characters.popFirst() else { return nil }
                if escaped == "d" { unit = "0" } else if escaped.isLetter { return nil } else { unit = escaped }
            case "(", ")", "|", "*", "+", "?", ".", "{": return nil
            default: unit = character
            }
            var count = 1
            if characters.first == "{" {
                guard let close = characters.firstIndex(of: "}"),
                    let n = Int(String(characters[characters.index(after: characters.startIndex)..<close]))
                else { return nil }
                count = n
                characters = characters[(close + 1)...]
            }
            output += String(repeating: String(unit), count: count)
        }
        return output
    }

    /// A value of a JSON type the schema does not allow, for wrong-type cases: a number for a
    /// string, a string for a number or boolean, an object for an array, an array for an object;
    /// `nil` when the schema accepts any JSON value. The value is always one the schema refuses.
    public func wrongType(for schema: JSONValue) -> JSONValue? {
        let resolved = validator.dereference(schema) ?? schema
        let type = resolved["type"]?.stringValue ?? resolved["type"]?.arrayValue?.first?.stringValue
        let preferred: JSONValue? =
            switch type {
            case "string": 12345
            case "integer", "number": "12"
            case "boolean": "true"
            case "array": ["not": "an array"]
            case "object": ["not an object"]
            default: nil
            }
        let candidates = [preferred, 12345, "12", true, ["not": "expected"], ["x"], .null].compactMap { $0 }
        return candidates.first { !validator.isValid($0, against: schema) }
    }
}

/// A JSON Schema prepared once for repeated validation, and the one implementation of FramedJSON's
/// schema rules (`JSONSchemaValidator` compiles through it; its doc lists the keywords):
/// keywords read out of the schema object, `$ref`s resolved, patterns compiled, and paths built
/// only when a violation is reported.
///
/// ```swift
/// let schema = CompiledSchema(["type": "object", "required": ["id"]], root: document)
/// let problems = schema.validate(params)   // [] when valid
/// ```
public final class CompiledSchema: @unchecked Sendable {
    // Immutable after `init` returns (the `$ref` targets are tied once, while compiling), so
    // sharing between threads is safe.
    private let root: Node

    /// Compiles `schema`, resolving local `$ref`s against `root`.
    /// - Parameter maxRefDepth: as `JSONSchemaValidator.maxRefDepth`.
    public init(_ schema: JSONValue, root: JSONValue, maxRefDepth: Int = 64) {
        var compiler = Compiler(validator: JSONSchemaValidator(root: root))
        self.root = compiler.compile(schema)
        self.maxRefDepth = maxRefDepth
    }

    private let maxRefDepth: Int

    /// Every violation of the schema by `value` (empty when valid).
    public func validate(_ value: JSONValue) -> [JSONSchemaViolation] {
        var run = Run(maxRefDepth: maxRefDepth)
        run.check(value, root, depth: 0)
        return run.violations
    }

    /// Whether `value` satisfies the schema, stopping at nothing: cheaper than `validate` only
    /// in that no array is returned.
    public func isValid(_ value: JSONValue) -> Bool { validate(value).isEmpty }

    // MARK: Compiled form

    /// One schema (sub)object with its keywords read out.
    final class Node {
        enum Shape {
            case anything  // `true`, or not an object (ignored, as the validator does)
            case nothing  // `false`
            case rules
        }

        var shape: Shape = .anything
        /// `$ref`: the text, and the target when it resolved.
        var reference: String?
        var target: Node?
        var types: [String]?
        var typeDescription = ""
        var enumOptions: [JSONValue]?
        var enumList = ""
        var constant: JSONValue?
        var allOf: [Node]?
        var anyOf: [Node]?
        var oneOf: [Node]?
        var not: Node?
        var required: [String] = []
        var properties: [String: Node]?
        var additionalFalse = false
        var additional: Node?
        var minItems: Int64?
        var maxItems: Int64?
        var uniqueItems = false
        var items: Node?
        var minLength: Int64?
        var maxLength: Int64?
        var pattern: String?
        var compiledPattern: JSONSchemaPattern?
        var format: String?
        var minimum: (bound: Double, text: String)?
        var maximum: (bound: Double, text: String)?
        /// Whether a string value needs any check beyond its type.
        var checksStrings = false
    }

    struct Compiler {
        let validator: JSONSchemaValidator
        var references: [String: Node] = [:]

        mutating func compile(_ schema: JSONValue) -> Node {
            let node = Node()
            switch schema {
            case .bool(false): node.shape = .nothing
            case .object: node.shape = .rules
            default: return node
            }
            guard case .object = schema else { return node }
            if let reference = schema["$ref"]?.stringValue {
                node.reference = reference
                if let known = references[reference] {
                    node.target = known
                } else if let resolved = validator.resolve(reference) {
                    let target = Node()
                    references[reference] = target
                    let compiled = compile(resolved)
                    Self.copy(compiled, into: target)
                    node.target = target
                }
            }
            if let types = schema["type"] {
                switch types {
                case .string(let name):
                    node.types = [name]
                    node.typeDescription = "of type \(name)"
                case .array(let names):
                    node.types = names.compactMap(\.stringValue)
                    node.typeDescription = "of type " + names.compactMap(\.stringValue).joined(separator: " or ")
                default: break
                }
            }
            if let options = schema["enum"]?.arrayValue {
                node.enumOptions = options
                node.enumList = options.map(\.encodedString).joined(separator: ", ")
            }
            node.constant = schema["const"]
            node.allOf = schema["allOf"]?.arrayValue.map { $0.map { compile($0) } }
            node.anyOf = schema["anyOf"]?.arrayValue.map { $0.map { compile($0) } }
            node.oneOf = schema["oneOf"]?.arrayValue.map { $0.map { compile($0) } }
            node.not = schema["not"].map { compile($0) }
            node.required = (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue)
            if let properties = schema["properties"]?.objectValue {
                var compiled: [String: Node] = [:]
                for member in properties.members where compiled[member.key] == nil {
                    compiled[member.key] = compile(member.value)
                }
                node.properties = compiled
            }
            if let additional = schema["additionalProperties"] {
                if case .bool(false) = additional {
                    node.additionalFalse = true
                } else {
                    node.additional = compile(additional)
                }
            }
            node.minItems = schema["minItems"]?.intValue
            node.maxItems = schema["maxItems"]?.intValue
            if case .bool(true) = schema["uniqueItems"] ?? .null { node.uniqueItems = true }
            node.items = schema["items"].map { compile($0) }
            node.minLength = schema["minLength"]?.intValue
            node.maxLength = schema["maxLength"]?.intValue
            node.pattern = schema["pattern"]?.stringValue
            node.compiledPattern = node.pattern.flatMap { JSONSchemaPattern($0) }
            node.format = schema["format"]?.stringValue
            node.minimum = schema["minimum"].flatMap { bound in Self.numeric(bound).map { ($0, bound.encodedString) } }
            node.maximum = schema["maximum"].flatMap { bound in Self.numeric(bound).map { ($0, bound.encodedString) } }
            node.checksStrings =
                node.minLength != nil || node.maxLength != nil || node.pattern != nil || node.format != nil
            return node
        }

        static func numeric(_ value: JSONValue) -> Double? {
            switch value {
            case .int(let i): return Double(i)
            case .double(let d): return d
            default: return nil
            }
        }

        static func copy(_ source: Node, into target: Node) {
            target.shape = source.shape
            target.reference = source.reference
            target.target = source.target
            target.types = source.types
            target.typeDescription = source.typeDescription
            target.enumOptions = source.enumOptions
            target.enumList = source.enumList
            target.constant = source.constant
            target.allOf = source.allOf
            target.anyOf = source.anyOf
            target.oneOf = source.oneOf
            target.not = source.not
            target.required = source.required
            target.properties = source.properties
            target.additionalFalse = source.additionalFalse
            target.additional = source.additional
            target.minItems = source.minItems
            target.maxItems = source.maxItems
            target.uniqueItems = source.uniqueItems
            target.items = source.items
            target.minLength = source.minLength
            target.maxLength = source.maxLength
            target.pattern = source.pattern
            target.compiledPattern = source.compiledPattern
            target.format = source.format
            target.minimum = source.minimum
            target.maximum = source.maximum
            target.checksStrings = source.checksStrings
        }
    }
}

extension CompiledSchema {
    /// One validation: the violations found and the path to the value being checked, kept as
    /// components and turned into text ("postalAddress.addressLines[2]") only for a violation.
    struct Run {
        enum Component {
            case key(String)
            case index(Int)
        }

        let maxRefDepth: Int
        var violations: [JSONSchemaViolation] = []
        var components: [Component] = []

        init(maxRefDepth: Int) {
            self.maxRefDepth = maxRefDepth
        }

        /// The current path: members joined with dots, indexes in brackets.
        var path: String {
            var text = ""
            for component in components {
                switch component {
                case .key(let key): text = jsonPath(text, key)
                case .index(let index): text = "\(text)[\(index)]"
                }
            }
            return text
        }

        mutating func report(_ reason: String) {
            violations.append(JSONSchemaViolation(field: path, reason: reason))
        }

        /// Whether `value` satisfies `node` alone, checked from ref depth 0 at the current path
        /// (what the validator's `anyOf` / `oneOf` / `not` do).
        mutating func matches(_ value: JSONValue, _ node: Node) -> Bool {
            var nested = Run(maxRefDepth: maxRefDepth)
            nested.components = components
            nested.check(value, node, depth: 0)
            return nested.violations.isEmpty
        }

        mutating func check(_ value: JSONValue, _ node: Node, depth: Int) {
            switch node.shape {
            case .anything: return
            case .nothing:
                report("is not allowed")
                return
            case .rules: break
            }
            if let reference = node.reference {
                if depth >= maxRefDepth {
                    report("schema reference chain too deep at \(reference)")
                    return
                }
                guard let target = node.target else {
                    report("unresolvable schema reference \(reference)")
                    return
                }
                check(value, target, depth: depth + 1)
            }
            if let types = node.types, !types.contains(where: { Self.matchesType(value, $0) }) {
                report("must be \(node.typeDescription), got \(value.typeName)")
                return
            }
            if let options = node.enumOptions, !options.contains(where: { Self.equal($0, value) }) {
                report("must be one of [\(node.enumList)]")
            }
            if let constant = node.constant, !Self.equal(constant, value) {
                report("must be \(constant.encodedString)")
            }
            if let all = node.allOf {
                for sub in all { check(value, sub, depth: depth + 1) }
            }
            if let any = node.anyOf, !any.contains(where: { matches(value, $0) }) {
                report("matches none of the allowed shapes (anyOf)")
            }
            if let one = node.oneOf {
                var count = 0
                for sub in one where matches(value, sub) { count += 1 }
                if count != 1 { report("must match exactly one shape (oneOf), matched \(count)") }
            }
            if let not = node.not, matches(value, not) {
                report("matches a forbidden shape (not)")
            }
            switch value {
            case .object(let object): checkObject(object, node, depth: depth)
            case .array(let array): checkArray(array, node, depth: depth)
            case .string(let string): if node.checksStrings { checkString(string, node) }
            case .int(let i): checkNumber(Double(i), node)
            case .double(let d): checkNumber(d, node)
            default: break
            }
        }

        mutating func checkObject(_ object: JSONObject, _ node: Node, depth: Int) {
            for key in node.required where object[key] == nil {
                components.append(.key(key))
                report("is required")
                components.removeLast()
            }
            for member in object.members {
                components.append(.key(member.key))
                if let property = node.properties?[member.key] {
                    check(member.value, property, depth: depth)
                } else if node.additionalFalse {
                    report("is not a known field")
                } else if let additional = node.additional {
                    check(member.value, additional, depth: depth)
                }
                components.removeLast()
            }
        }

        mutating func checkArray(_ array: [JSONValue], _ node: Node, depth: Int) {
            if let min = node.minItems, array.count < min {
                report("must have at least \(min) items, has \(array.count)")
            }
            if let max = node.maxItems, array.count > max {
                report("must have at most \(max) items, has \(array.count)")
            }
            if node.uniqueItems {
                for (index, element) in array.enumerated()
                where array[..<index].contains(where: { Self.equal($0, element) }) {
                    components.append(.index(index))
                    report("duplicates an earlier item")
                    components.removeLast()
                }
            }
            if let items = node.items {
                for (index, element) in array.enumerated() {
                    components.append(.index(index))
                    check(element, items, depth: depth)
                    components.removeLast()
                }
            }
        }

        mutating func checkString(_ string: String, _ node: Node) {
            if node.minLength != nil || node.maxLength != nil {
                // Byte length bounds the scalar count from above and, divided by four, from
                // below: most strings are decided without counting scalars.
                let bytes = string.utf8.count
                let certain =
                    (node.minLength.map { Int64(bytes / 4) >= $0 } ?? true)
                    && (node.maxLength.map { Int64(bytes) <= $0 } ?? true)
                if !certain {
                    let length = string.unicodeScalars.count
                    if let min = node.minLength, length < min {
                        report("must be at least \(min) characters, is \(length)")
                    }
                    if let max = node.maxLength, length > max {
                        report("must be at most \(max) characters, is \(length)")
                    }
                }
            }
            if let pattern = node.pattern {
                if let compiled = node.compiledPattern {
                    if !compiled.matches(string) { report("must match the pattern \(pattern)") }
                } else {
                    report("schema pattern \(pattern) is not supported")
                }
            }
            if let format = node.format, !JSONSchemaFormats.matches(string, format: format) {
                report("must be a valid \(format)")
            }
        }

        mutating func checkNumber(_ number: Double, _ node: Node) {
            if let min = node.minimum, number < min.bound { report("must be at least \(min.text)") }
            if let max = node.maximum, number > max.bound { report("must be at most \(max.text)") }
        }

        static func matchesType(_ value: JSONValue, _ name: String) -> Bool {
            switch (name, value) {
            case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object):
                return true
            case ("integer", .int): return true
            case ("integer", .double(let d)): return d.isFinite && (Int64(exactly: d) != nil || abs(d) >= 9.0e18)
            case ("number", .int), ("number", .double): return true
            default: return false
            }
        }

        /// JSON equality where 1 and 1.0 are the same number.
        static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
            switch (a, b) {
            case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
            default: return a == b
            }
        }
    }
}

public import FramedJSON

extension CaseContext {
    /// The target's `rpc.discover` document.
    /// - Throws: ``CaseFailure`` when the suite has none.
    public func discoveryDocument() throws -> JSONObject {
        guard let discovery else { throw fail("the target's rpc.discover document is not known to this case") }
        return discovery
    }

    /// The method `name` as the target's document describes it.
    /// - Throws: ``CaseFailure`` when the document lacks it.
    public func method(_ name: String) throws -> MethodDescription {
        guard let method = MethodDescription.all(in: try discoveryDocument()).first(where: { $0.name == name }) else {
            throw fail("rpc.discover does not describe \(name)")
        }
        return method
    }

    /// Fails the case unless `value` validates against `schema` of the target's document.
    public func expectValid(_ value: JSONValue, against schema: JSONValue, _ what: String) throws {
        let violations = SchemaValidator(document: try discoveryDocument()).validate(value, against: schema)
        guard violations.isEmpty else {
            let listed = violations.prefix(8).map(\.description).joined(separator: "; ")
            throw fail("\(what) breaks its schema: \(listed)")
        }
    }

    /// The `result` of `response`, validated against `method`'s result schema.
    /// - Throws: ``CaseFailure`` for an error response or a result that breaks the schema.
    @discardableResult
    public func expectValidResult(_ response: JSONObject, of method: String) throws -> JSONValue {
        let result = try expectResult(response)
        try expectValid(result, against: try self.method(method).resultSchema, "the result of \(method)")
        return result
    }

    /// Checks an error response like ``expectError(_:code:status:field:)`` and also that its
    /// (code, status) pair is one WIRE.md §5.3 allows and that the method documents the code.
    @discardableResult
    public func expectDocumentedError(
        _ response: JSONObject, of method: String, code: Int64, status: String, field: String? = nil
    ) throws -> JSONObject {
        let error = try expectError(response, code: code, status: status, field: field)
        // -32602 documents every INVALID_ARGUMENT a method's params can cause.
        let documented = try self.method(method).errors.compactMap(\.code)
        try expect(
            documented.isEmpty || documented.contains(code) || (code == 3 && documented.contains(-32602)),
            "\(method) answered code \(code), which its documented errors \(documented) do not list")
        return error
    }
}

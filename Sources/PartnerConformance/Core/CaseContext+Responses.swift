public import FramedJSON

extension CaseContext {
    /// The `result` of a success response.
    /// - Throws: ``CaseFailure`` when the response is an error or has no `result`.
    @discardableResult
    public func expectResult(_ response: JSONObject) throws -> JSONValue {
        if let error = response["error"] { throw fail("expected a result, got error \(error)") }
        guard let result = response["result"] else { throw fail("response has neither result nor error") }
        try expectWellFormed(response)
        return result
    }

    /// Checks an error response: its `error.code`, `data.status`, and (when given) that a
    /// field violation names `field`. Returns the error object.
    @discardableResult
    public func expectError(_ response: JSONObject, code: Int64, status: String, field: String? = nil) throws
        -> JSONObject
    {
        guard let error = response["error"]?.objectValue else {
            throw fail("expected error \(code) \(status), got \(JSONValue.object(response))")
        }
        try expectWellFormed(response)
        let gotCode = error["code"]?.intValue
        let gotStatus = error["data"]?["status"]?.stringValue
        try expect(gotCode == code, "expected error.code \(code), got \(gotCode.map(String.init) ?? "none")")
        try expect(gotStatus == status, "expected data.status \(status), got \(gotStatus ?? "none")")
        if let field {
            let fields = (error["data"]?["details"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }
            try expect(fields.contains(field), "expected a field violation naming '\(field)', got \(fields)")
        }
        return error
    }

    /// Checks the envelope shared by every response (WIRE.md §3.3, §5.1): `jsonrpc` "2.0",
    /// an `id` member, exactly one of `result` / `error`, and an error's `code`, `message`,
    /// `data.status` and `data.details` with their types.
    public func expectWellFormed(_ response: JSONObject) throws {
        try expect(response["jsonrpc"] == .string("2.0"), "response lacks \"jsonrpc\":\"2.0\"")
        try expect(response["id"] != nil, "response lacks an id member")
        let hasResult = response["result"] != nil
        let hasError = response["error"] != nil
        try expect(hasResult != hasError, "response must carry exactly one of result and error")
        let allowed: Set<String> = ["jsonrpc", "id", "result", "error"]
        if let extra = response.keys.first(where: { !allowed.contains($0) }) {
            throw fail("response has a member the protocol does not define: \(extra)")
        }
        guard let error = response["error"] else { return }
        guard let object = error.objectValue else { throw fail("error is not an object") }
        try expect(object["code"]?.intValue != nil, "error.code is not an integer")
        try expect(object["message"]?.stringValue != nil, "error.message is not a string")
        try expect(object["data"]?["status"]?.stringValue != nil, "error.data.status is not a string")
        try expect(object["data"]?["details"]?.arrayValue != nil, "error.data.details is not an array")
    }
}

public import FramedJSON

#if canImport(Glibc)
    import Glibc
#endif

extension CaseContext {
    /// Fails unless `response["id"]` equals `id` exactly (same JSON type and value).
    public func expectID(_ response: JSONObject, _ id: JSONValue) throws {
        let got = response["id"]
        try expect(got == id, "expected the response's id to be \(id), got \(got.map(\.description) ?? "no id member")")
    }

    /// Checks a `-32700` parse error answered with `"id": null` (WIRE.md §3.4 step 1).
    @discardableResult
    public func expectParseError(_ response: JSONObject) throws -> JSONObject {
        let error = try expectError(response, code: -32700, status: "INVALID_ARGUMENT")
        try expectID(response, .null)
        return error
    }

    /// Fails unless the error's `message` contains every one of `fragments`.
    public func expectMessage(_ error: JSONObject, contains fragments: String...) throws {
        let message = error["message"]?.stringValue ?? ""
        for fragment in fragments where !message.contains(fragment) {
            throw fail("expected error.message to mention '\(fragment)', got '\(message)'")
        }
    }

    /// Fails unless the error's `data.details` holds a field violation for `field` whose
    /// reason contains `reason`.
    public func expectDetail(_ error: JSONObject, field: String, reasonContains reason: String) throws {
        let details = error["data"]?["details"]?.arrayValue ?? []
        let match = details.contains {
            $0["field"]?.stringValue == field && ($0["reason"]?.stringValue ?? "").contains(reason)
        }
        try expect(
            match, "expected a detail {field: \(field), reason containing '\(reason)'}, got \(JSONValue.array(details))"
        )
    }

    /// Runs `body` and returns how long it took.
    public func measure(_ body: () throws -> Void) rethrows -> Duration {
        let started = ContinuousClock.now
        try body()
        return ContinuousClock.now - started
    }

    /// Lets `duration` pass on purpose, for rules about a peer that stays quiet (a client that
    /// does not read). Never use it to wait for something to happen: poll with a deadline.
    public func stayIdle(for duration: Duration) {
        note("suite stays idle for \(duration)")
        RawSocket.pause(duration)
    }

    /// A unary, non-mutating method of the target that needs a token and takes no required
    /// params (from `rpc.discover`), for rules about authentication; a ``CaseSkip`` when the
    /// document lists none.
    public func tokenOnlyMethod() throws -> String {
        let methods = discovery?["methods"]?.arrayValue ?? []
        for method in methods {
            guard let name = method["name"]?.stringValue else { continue }
            let roles = method["x-roles"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let required = (method["params"]?.arrayValue ?? []).contains { $0["required"] == .bool(true) }
            if !roles.isEmpty, !roles.contains("none"), method["x-streaming"] != .bool(true),
                method["x-mutating"] != .bool(true), !required
            {
                return name
            }
        }
        throw CaseSkip("rpc.discover lists no read-only method that needs a token and takes no required params")
    }
}

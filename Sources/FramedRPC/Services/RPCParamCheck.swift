public import FramedJSON

/// The params check of services without a schema of their own (`Health`, `rpc.discover`, the
/// `Conformance` test service): every member is checked and one -32602 error lists every fault
/// found (WIRE.md §5.1).
///
/// ```swift
/// try RPCParamCheck.check(request.params, [("service", .string)])
/// ```
public enum RPCParamCheck {
    /// What one param may hold.
    public enum ParamRule: Sendable {
        /// Any JSON value.
        case any
        /// An integer in `0...limit`.
        case count(limit: Int64)
        /// A string.
        case string
        /// A status name of WIRE.md §5.2 or its number 0...16.
        case status
    }

    /// `Health.Check` and `Health.Watch`'s params (the length is checked by the service).
    static let health: [(String, ParamRule)] = [("service", .string)]

    /// Checks every member of `params` against `rules` and throws one -32602 error listing
    /// every fault found, each as a field violation (WIRE.md §5.1). `null` counts as absent.
    public static func check(_ params: JSONValue, _ rules: [(String, ParamRule)]) throws(RPCError) {
        guard let object = params.objectValue else {
            throw RPCError.invalidParams(field: "", reason: "params must be an object")
        }
        var faults: [(field: String, reason: String)] = []
        for member in object.members {
            guard let rule = rules.first(where: { $0.0 == member.key })?.1 else {
                faults.append((member.key, "is not a known field"))
                continue
            }
            if member.value == .null { continue }
            if let reason = violation(of: rule, by: member.value) { faults.append((member.key, reason)) }
        }
        guard let first = faults.first else { return }
        let message =
            faults.count == 1
            ? "invalid params: \(first.field) \(first.reason)"
            : "invalid params: \(faults.map { "\($0.field) \($0.reason)" }.joined(separator: "; "))"
        throw RPCError(
            code: .invalidArgument, message: message,
            details: faults.map { ["field": .string($0.field), "reason": .string($0.reason)] },
            jsonRPCCode: RPCError.JSONRPCCode.invalidParams)
    }

    private static func violation(of rule: ParamRule, by value: JSONValue) -> String? {
        switch rule {
        case .any:
            return nil
        case .string:
            return value.stringValue == nil ? "must be a string, got \(value.typeName)" : nil
        case .count(let limit):
            guard let number = value.intValue else { return "must be an integer, got \(value.typeName)" }
            return (0...limit).contains(number) ? nil : "must be in 0...\(limit), got \(number)"
        case .status:
            if let name = value.stringValue, RPCError.Code(name: name) != nil { return nil }
            if let number = value.intValue, RPCError.Code(rawValue: Int(number)) != nil { return nil }
            return "must be a status name or number 0...16"
        }
    }
}

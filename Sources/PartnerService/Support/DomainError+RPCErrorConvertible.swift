import FramedJSON
public import FramedRPC
public import PartnerCore

/// A domain rule's failure on the wire. The conformance lives here, in the layer that knows
/// both the domain and the wire: PartnerCore imports no RPC runtime, and the runtime's
/// `RPCError(mapping:)` (the one place anything thrown becomes an answer) asks for `rpcError`.
extension DomainError: RPCErrorConvertible {
    /// The status of the same name, the message as is, and the field (already named as the
    /// method's params name it) as a field violation. INVALID_ARGUMENT answers -32602 like
    /// params that break the schema (WIRE.md §5.2; the stubs answer the schema's violations
    /// earlier).
    public var rpcError: RPCError {
        let status = code.status
        var details: [JSONValue] = []
        if let field { details.append(["field": .string(field), "reason": .string(message)]) }
        return RPCError(
            code: status, message: message, details: details,
            jsonRPCCode: status == .invalidArgument ? RPCError.JSONRPCCode.invalidParams : nil, cause: self)
    }
}

extension DomainError.Code {
    /// The wire status of the same name: the domain's vocabulary mapped case by case onto
    /// `RPCError.Code`, which alone holds the names and numbers.
    public var status: RPCError.Code {
        switch self {
        case .invalidArgument: .invalidArgument
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists
        case .failedPrecondition: .failedPrecondition
        case .permissionDenied: .permissionDenied
        case .aborted: .aborted
        case .unauthenticated: .unauthenticated
        case .resourceExhausted: .resourceExhausted
        case .outOfRange: .outOfRange
        default: .unknown
        }
    }
}

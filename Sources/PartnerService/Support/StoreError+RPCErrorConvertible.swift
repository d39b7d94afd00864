import FramedJSON
public import FramedRPC
public import PartnerCore

/// A storage failure on the wire, converted here (the layer that knows both the store protocol
/// and the wire) for the runtime's `RPCError(mapping:)`.
extension StoreError: RPCErrorConvertible {
    /// A duplicate unique key is ALREADY_EXISTS naming the field the key was made of
    /// (`StoreError.field`); an unusable store is UNAVAILABLE with a retry hint; corrupt data
    /// is DATA_LOSS; anything else INTERNAL with a generic message (WIRE.md §5.1).
    public var rpcError: RPCError {
        switch code {
        case .duplicateKey:
            let field = field ?? ""
            return RPCError(
                code: .alreadyExists, message: "\(field.isEmpty ? "a unique value" : field) is already in use",
                details: field.isEmpty ? [] : [["field": .string(field), "reason": "is already in use"]], cause: self)
        case .unavailable, .incompatibleSchema:
            return RPCError(
                code: .unavailable, message: "storage unavailable: \(message)", retryAfterMs: 1000, cause: self)
        case .corrupt:
            return RPCError(code: .dataLoss, message: "stored data could not be read", cause: self)
        default:
            return RPCError(code: .internalError, message: "internal error", cause: self)
        }
    }
}

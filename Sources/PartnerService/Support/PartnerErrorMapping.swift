import FramedJSON
import FramedRPC
import PartnerCore

/// The one place where errors from the domain and the store become wire statuses.
///
/// - `DomainError` keeps its status; its `field` becomes a field violation in `details`.
///   Params that break a rule on their values answer -32602 like params that break the schema
///   (WIRE.md §5.2); the stubs answer the schema's violations earlier.
/// - `StoreError`: a duplicate unique key is ALREADY_EXISTS naming the field; an unusable store
///   is UNAVAILABLE with a retry hint; corrupt data is DATA_LOSS.
/// - Cancellation is CANCELLED; anything else is INTERNAL with a generic message (the cause is
///   kept for logs, never sent).
public enum PartnerErrorMapping {
    /// The status a caller should see for `error`.
    /// `method` names the call, so that a unique key is reported as the param that carried it.
    public static func rpcError(for error: any Error, method: String = "") -> RPCError {
        switch error {
        case let error as RPCError:
            return error
        case let error as DomainError:
            return rpcError(for: error, method: method)
        case let error as StoreError:
            return rpcError(for: error, method: method)
        case let error as JSONDecodingError:
            return .invalidParams(field: error.field, reason: error.reason)
        case is CancellationError:
            return RPCError(code: .cancelled, message: "the call was cancelled")
        default:
            return RPCError(code: .internalError, message: "internal error", cause: error)
        }
    }

    /// A domain rule's failure on the wire.
    public static func rpcError(for error: DomainError, method: String = "") -> RPCError {
        let code = RPCError.Code(rawValue: error.code.number) ?? .unknown
        var details: [JSONValue] = []
        if let field = error.field {
            details.append([
                "field": .string(paramName(forField: field, method: method)), "reason": .string(error.message),
            ])
        }
        return RPCError(
            code: code, message: error.message, details: details, jsonRPCCode: code == .invalidArgument ? -32602 : nil,
            cause: error)
    }

    /// A storage failure on the wire.
    public static func rpcError(for error: StoreError, method: String = "") -> RPCError {
        switch error.code {
        case .duplicateKey:
            let field = error.key.map { fieldName(forUniqueKey: $0, method: method) } ?? ""
            return RPCError(
                code: .alreadyExists, message: "\(field.isEmpty ? "a unique value" : field) is already in use",
                details: field.isEmpty ? [] : [["field": .string(field), "reason": "is already in use"]], cause: error)
        case .unavailable, .incompatibleSchema:
            return RPCError(
                code: .unavailable, message: "storage unavailable: \(error.message)", retryAfterMs: 1000, cause: error)
        case .corrupt:
            return RPCError(code: .dataLoss, message: "stored data could not be read", cause: error)
        default:
            return RPCError(code: .internalError, message: "internal error", cause: error)
        }
    }

    /// The param that carried a unique key: "domain:example.com" -> "primaryDomain"; other keys
    /// -> their prefix.
    static func fieldName(forUniqueKey key: String, method: String) -> String {
        let prefix = key.split(separator: ":", maxSplits: 1).first.map(String.init) ?? key
        switch prefix {
        case "domain": return paramName(forField: "primaryDomain", method: method)
        case "email": return "email"
        default: return prefix
        }
    }

    /// The domain names a field as the customer record does; a method whose param has another
    /// name reports the param (WIRE.md §5.1: paths are relative to `params`). `Invitations.Send`
    /// carries the customer's primary domain as `domain`.
    static func paramName(forField field: String, method: String) -> String {
        method == "Invitations.Send" && field == "primaryDomain" ? "domain" : field
    }
}

/// Maps every error a handler throws through `PartnerErrorMapping`, so no internal detail
/// leaves the server and every domain status arrives as itself.
public struct ErrorMappingInterceptor: RPCServerInterceptor {
    /// Called with each INTERNAL error before it is answered, for logs.
    public var onInternalError: @Sendable (String, any Error) -> Void

    /// Creates the interceptor.
    public init(onInternalError: @escaping @Sendable (String, any Error) -> Void = { _, _ in }) {
        self.onInternalError = onInternalError
    }

    /// Runs the call and maps what it throws.
    public func intercept(
        request: RPCRequest, context: RPCServerContext, next: RPCServerNext
    ) async throws -> any JSONEncodable & Sendable {
        do {
            return try await next(request, context)
        } catch {
            let mapped = PartnerErrorMapping.rpcError(for: error, method: request.method)
            if mapped.code == .internalError, let cause = mapped.cause { onInternalError(request.method, cause) }
            throw mapped
        }
    }
}

public import FramedJSON

/// An RPC's failure: a status code, a plain-words message, optional structured details, and
/// the underlying cause (never sent on the wire).
///
/// On the wire (WIRE.md "Errors") it becomes a JSON-RPC error object whose `code` is the
/// JSON-RPC number for envelope failures or the gRPC number otherwise, with
/// `data.status`, `data.details` and, when known, `data.retryAfterMs`.
public struct RPCError: Error, Sendable, CustomStringConvertible {
    /// The status code.
    public var code: Code
    /// What went wrong, on which side, and the limit and actual size where a limit was hit.
    public var message: String
    /// Structured details, e.g. field violations `[{"field": "name", "reason": "is required"}]`.
    public var details: [JSONValue]
    /// A hint for RESOURCE_EXHAUSTED / UNAVAILABLE: when a retry may succeed.
    public var retryAfterMs: Int64?
    /// The JSON-RPC error number to use instead of the gRPC number (-32700, -32600, -32601,
    /// -32602, -32603), for envelope-level failures.
    public var jsonRPCCode: Int?
    /// What caused this error locally; never sent.
    public var cause: (any Error)?

    /// Creates an error.
    public init(
        code: Code, message: String, details: [JSONValue] = [], retryAfterMs: Int64? = nil,
        jsonRPCCode: Int? = nil, cause: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.details = details
        self.retryAfterMs = retryAfterMs
        self.jsonRPCCode = jsonRPCCode
        self.cause = cause
    }

    /// The number placed in the JSON-RPC `error.code` member: `jsonRPCCode` when set, -32603
    /// (JSON-RPC's "Internal error") for INTERNAL, otherwise the gRPC number (WIRE.md §5.3).
    public var wireCode: Int {
        if let jsonRPCCode { return jsonRPCCode }
        return code == .internalError ? JSONRPCCode.internalError : code.rawValue
    }

    /// "NOT_FOUND: customer cus_1 not found".
    public var description: String { "\(code): \(message)" }

    /// An INVALID_ARGUMENT error (-32602) naming one field.
    public static func invalidParams(field: String, reason: String) -> RPCError {
        RPCError(
            code: .invalidArgument,
            message: field.isEmpty ? "invalid params: \(reason)" : "invalid params: \(field) \(reason)",
            details: [["field": .string(field), "reason": .string(reason)]], jsonRPCCode: JSONRPCCode.invalidParams)
    }
}

extension RPCError {
    /// A status code: gRPC's 17, as a struct so that more can be added without breaking a
    /// `switch` elsewhere.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Wrapped: Int, Sendable, Hashable, CaseIterable {
            case ok = 0
            case cancelled, unknown, invalidArgument, deadlineExceeded, notFound, alreadyExists
            case permissionDenied, resourceExhausted, failedPrecondition, aborted, outOfRange
            case unimplemented, internalError, unavailable, dataLoss, unauthenticated
        }
        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// Creates a code from its gRPC number, or `nil` for an unknown number.
        public init?(rawValue: Int) {
            guard let wrapped = Wrapped(rawValue: rawValue) else { return nil }
            self.wrapped = wrapped
        }

        /// Creates a code from its wire name ("NOT_FOUND"), or `nil`.
        public init?(name: String) {
            guard let match = Code.allCases.first(where: { $0.name == name }) else { return nil }
            self = match
        }

        /// The gRPC number.
        public var rawValue: Int { wrapped.rawValue }

        /// The wire name: "OK", "CANCELLED", ..., "UNAUTHENTICATED".
        public var name: String {
            switch wrapped {
            case .ok: "OK"
            case .cancelled: "CANCELLED"
            case .unknown: "UNKNOWN"
            case .invalidArgument: "INVALID_ARGUMENT"
            case .deadlineExceeded: "DEADLINE_EXCEEDED"
            case .notFound: "NOT_FOUND"
            case .alreadyExists: "ALREADY_EXISTS"
            case .permissionDenied: "PERMISSION_DENIED"
            case .resourceExhausted: "RESOURCE_EXHAUSTED"
            case .failedPrecondition: "FAILED_PRECONDITION"
            case .aborted: "ABORTED"
            case .outOfRange: "OUT_OF_RANGE"
            case .unimplemented: "UNIMPLEMENTED"
            case .internalError: "INTERNAL"
            case .unavailable: "UNAVAILABLE"
            case .dataLoss: "DATA_LOSS"
            case .unauthenticated: "UNAUTHENTICATED"
            }
        }

        /// The wire name.
        public var description: String { name }

        /// Every code, in number order.
        public static var allCases: [Code] { Wrapped.allCases.map(Code.init) }

        /// Not an error (never carried by an `RPCError`; listed for completeness).
        public static let ok = Code(.ok)
        /// The call was cancelled, typically by the caller.
        public static let cancelled = Code(.cancelled)
        /// An error with no better code.
        public static let unknown = Code(.unknown)
        /// The caller sent something invalid, whatever the system's state.
        public static let invalidArgument = Code(.invalidArgument)
        /// The deadline passed before the call finished.
        public static let deadlineExceeded = Code(.deadlineExceeded)
        /// The entity does not exist (or is not visible to the caller).
        public static let notFound = Code(.notFound)
        /// The entity the caller tried to create already exists.
        public static let alreadyExists = Code(.alreadyExists)
        /// The caller is known but may not do this.
        public static let permissionDenied = Code(.permissionDenied)
        /// A limit or quota was hit.
        public static let resourceExhausted = Code(.resourceExhausted)
        /// The system is not in the state the operation needs.
        public static let failedPrecondition = Code(.failedPrecondition)
        /// A concurrency conflict (stale etag); retry at a higher level.
        public static let aborted = Code(.aborted)
        /// A value past the valid range.
        public static let outOfRange = Code(.outOfRange)
        /// The method is not implemented or not known.
        public static let unimplemented = Code(.unimplemented)
        /// An invariant broke on the server.
        public static let internalError = Code(.internalError)
        /// The service cannot be reached or cannot serve now; retrying may help.
        public static let unavailable = Code(.unavailable)
        /// Unrecoverable data loss or corruption.
        public static let dataLoss = Code(.dataLoss)
        /// The caller has no valid credentials.
        public static let unauthenticated = Code(.unauthenticated)
    }
}

/// An error that knows its RPC status: the one way a layer above the runtime says how its
/// errors look on the wire. The runtime's `RPCError(mapping:)` is the one place that turns
/// anything a handler throws into what the caller sees, and it asks conformers for
/// `rpcError`; no interceptor or service maps errors a second time.
///
/// A conformance lives in the layer that knows both the error and the wire, so a domain
/// module keeps no dependency on this runtime:
///
/// ```swift
/// // In the service module, which imports both the domain and FramedRPC.
/// extension QuotaError: RPCErrorConvertible {
///     public var rpcError: RPCError {
///         RPCError(
///             code: .resourceExhausted, message: "quota of \(limit) calls a day used up",
///             details: [["field": "meta.authorization", "reason": "quota used up"]],
///             retryAfterMs: retryAfterMs, cause: self)
///     }
/// }
/// ```
public protocol RPCErrorConvertible: Error {
    /// The error as the caller should see it: its status, a message safe to send, and a field
    /// violation in `details` when a field is to blame. Set `cause` to `self` for logs.
    var rpcError: RPCError { get }
}

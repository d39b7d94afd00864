/// A rule said no. Carries a status code (gRPC's names), a plain-words message and the
/// offending field (lowerCamelCase, dotted for nested fields, e.g. `postalAddress.regionCode`).
///
/// The service layer maps `code.name` to the wire status in one place.
public struct DomainError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status of a domain failure. A struct over a private enum so codes can be added
    /// without breaking anyone's `switch`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Wrapped: Sendable, Hashable {
            case invalidArgument, notFound, alreadyExists, failedPrecondition, permissionDenied
            case aborted, unauthenticated, resourceExhausted, outOfRange
        }
        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The request is malformed or breaks a field rule.
        public static let invalidArgument = Code(.invalidArgument)
        /// The resource does not exist for this caller (including: it belongs to another partner).
        public static let notFound = Code(.notFound)
        /// The resource, or a unique value it claims, already exists.
        public static let alreadyExists = Code(.alreadyExists)
        /// The system is not in a state that allows the operation.
        public static let failedPrecondition = Code(.failedPrecondition)
        /// The caller's roles do not allow the operation.
        public static let permissionDenied = Code(.permissionDenied)
        /// A concurrency conflict, e.g. a stale etag; re-read and retry.
        public static let aborted = Code(.aborted)
        /// No valid credentials.
        public static let unauthenticated = Code(.unauthenticated)
        /// A quota or limit was hit.
        public static let resourceExhausted = Code(.resourceExhausted)
        /// A value is past a valid range (e.g. seats beyond the maximum).
        public static let outOfRange = Code(.outOfRange)

        /// The gRPC status name, e.g. `NOT_FOUND`.
        public var name: String {
            switch wrapped {
            case .invalidArgument: "INVALID_ARGUMENT"
            case .notFound: "NOT_FOUND"
            case .alreadyExists: "ALREADY_EXISTS"
            case .failedPrecondition: "FAILED_PRECONDITION"
            case .permissionDenied: "PERMISSION_DENIED"
            case .aborted: "ABORTED"
            case .unauthenticated: "UNAUTHENTICATED"
            case .resourceExhausted: "RESOURCE_EXHAUSTED"
            case .outOfRange: "OUT_OF_RANGE"
            }
        }

        /// The gRPC status number, e.g. 5 for NOT_FOUND.
        public var number: Int {
            switch wrapped {
            case .invalidArgument: 3
            case .notFound: 5
            case .alreadyExists: 6
            case .failedPrecondition: 9
            case .permissionDenied: 7
            case .aborted: 10
            case .unauthenticated: 16
            case .resourceExhausted: 8
            case .outOfRange: 11
            }
        }

        /// The status name.
        public var description: String { name }
    }

    /// The status.
    public var code: Code
    /// What was wrong, in plain words, safe to show the caller.
    public var message: String
    /// The offending field (lowerCamelCase, dotted path), when one is to blame.
    public var field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// "<STATUS>: <message> (field <field>)".
    public var description: String {
        "\(code.name): \(message)" + (field.map { " (field \($0))" } ?? "")
    }
}

extension DomainError {
    /// NOT_FOUND: "<kind> <id> not found". Used alike for missing ids and other partners' ids.
    public static func notFound(_ kind: String, _ id: String, field: String? = nil) -> DomainError {
        DomainError(.notFound, "\(kind) \(id) not found", field: field)
    }

    /// INVALID_ARGUMENT on `field` with the reason.
    public static func invalid(field: String, reason: String) -> DomainError {
        DomainError(.invalidArgument, "\(field): \(reason)", field: field)
    }

    /// INVALID_ARGUMENT: a required field is missing or empty.
    public static func required(_ field: String) -> DomainError {
        invalid(field: field, reason: "is required")
    }

    /// ALREADY_EXISTS on `field`.
    public static func alreadyExists(field: String?, _ message: String) -> DomainError {
        DomainError(.alreadyExists, message, field: field)
    }

    /// FAILED_PRECONDITION with the reason, optionally blaming a field.
    public static func failedPrecondition(_ message: String, field: String? = nil) -> DomainError {
        DomainError(.failedPrecondition, message, field: field)
    }

    /// PERMISSION_DENIED.
    public static func permissionDenied(_ message: String) -> DomainError {
        DomainError(.permissionDenied, message)
    }

    /// UNAUTHENTICATED.
    public static func unauthenticated(_ message: String) -> DomainError {
        DomainError(.unauthenticated, message)
    }

    /// OUT_OF_RANGE on `field`.
    public static func outOfRange(field: String, _ message: String) -> DomainError {
        DomainError(.outOfRange, message, field: field)
    }

    /// RESOURCE_EXHAUSTED with the limit and the actual size.
    public static func resourceExhausted(_ message: String, field: String? = nil) -> DomainError {
        DomainError(.resourceExhausted, message, field: field)
    }

    /// ABORTED on field `etag`: the caller's etag no longer matches the stored one.
    public static func staleEtag(_ kind: String, _ id: String, given: String, current: String) -> DomainError {
        DomainError(
            .aborted,
            "\(kind) \(id) changed since it was read: etag \(given) is stale (current \(current)); re-read and retry",
            field: "etag")
    }
}

/// A rule said no. Carries a status code (gRPC's names), a plain-words message and the
/// offending field (lowerCamelCase, dotted for nested fields, e.g. `postalAddress.regionCode`),
/// named as the operation's input names it.
///
/// The domain knows no wire: the service layer converts a `DomainError` to the wire status of
/// the same name (PartnerService's `DomainError` conformance to `RPCErrorConvertible`).
public struct DomainError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status of a domain failure: the subset of gRPC's statuses a rule can say. A struct
    /// over a private enum so codes can be added without breaking anyone's `switch`.
    ///
    /// The domain keeps no table of status names or numbers: those are written once, in
    /// FramedRPC's `RPCError.Code`. A code's `name` is spelled from its case (`outOfRange` ->
    /// `OUT_OF_RANGE`), and the service maps each case to the status of that name (a test
    /// checks every case).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Wrapped: Sendable, Hashable, CaseIterable {
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

        /// Every code the domain can say.
        public static var allCases: [Code] { Wrapped.allCases.map(Code.init) }

        /// The status name, e.g. `NOT_FOUND` for `notFound` (recorded as a refusal's audit
        /// outcome): the case's name in upper snake case, the spelling of gRPC's names.
        public var name: String {
            var name = ""
            for character in "\(wrapped)" {
                if character.isUppercase { name.append("_") }
                name += character.uppercased()
            }
            return name
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

extension DomainError {
    /// Runs `body`; a failure it throws on `field` is thrown as the same failure on `param`.
    /// An operation whose input carries a field under another name than the rules it calls
    /// use names its own param this way: `Invitations.Send` takes the customer's
    /// `primaryDomain` as `domain`, so every rule on the primary domain it runs is reported on
    /// `domain`. Other errors pass unchanged.
    public static func reporting<T>(_ field: String, as param: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as DomainError where error.field == field {
            error.field = param
            throw error
        }
    }
}

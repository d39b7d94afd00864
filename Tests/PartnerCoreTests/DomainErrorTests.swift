import Testing

@testable import PartnerCore

@Suite("DomainError")
struct DomainErrorTests {
    @Test(
        "a code's name is its case in gRPC's spelling",
        arguments: [
            (DomainError.Code.invalidArgument, "INVALID_ARGUMENT"), (.notFound, "NOT_FOUND"),
            (.alreadyExists, "ALREADY_EXISTS"), (.failedPrecondition, "FAILED_PRECONDITION"),
            (.permissionDenied, "PERMISSION_DENIED"), (.aborted, "ABORTED"), (.unauthenticated, "UNAUTHENTICATED"),
            (.resourceExhausted, "RESOURCE_EXHAUSTED"), (.outOfRange, "OUT_OF_RANGE"),
        ])
    func codeNames(code: DomainError.Code, name: String) {
        #expect(code.name == name)
        #expect(DomainError(code, "m").description == "\(name): m")
    }

    @Test("allCases lists every code once")
    func allCases() {
        #expect(DomainError.Code.allCases.count == 9)
        #expect(Set(DomainError.Code.allCases).count == DomainError.Code.allCases.count)
    }

    @Test("reporting a rule's field as the operation's param renames that field only")
    func reportingRenamesTheField() throws {
        expectRefusal(.alreadyExists, field: "domain") {
            try DomainError.reporting("primaryDomain", as: "domain") {
                throw DomainError.alreadyExists(field: "primaryDomain", "domain x is already held")
            }
        }
        expectRefusal(.invalidArgument, field: "email") {
            try DomainError.reporting("primaryDomain", as: "domain") {
                throw DomainError.invalid(field: "email", reason: "is required")
            }
        }
        expectRefusal(.permissionDenied, field: nil) {
            try DomainError.reporting("primaryDomain", as: "domain") {
                throw DomainError.permissionDenied("no")
            }
        }
        #expect(try DomainError.reporting("primaryDomain", as: "domain") { 7 } == 7)
    }

    @Test("a failure that is not a DomainError passes unchanged")
    func otherErrorsPass() {
        #expect(throws: StoreError.duplicateKey("token:t")) {
            try DomainError.reporting("primaryDomain", as: "domain") { throw StoreError.duplicateKey("token:t") }
        }
    }
}

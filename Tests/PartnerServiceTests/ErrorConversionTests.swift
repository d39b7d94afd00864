import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore
import PartnerService
import Synchronization
import Testing

/// How domain and store errors reach the wire: through their `RPCErrorConvertible`
/// conformances, mapped in one place (`RPCError(mapping:)`), with the field the domain named.
@Suite("Error conversion")
struct ErrorConversionTests {
    private struct Unexpected: Error, CustomStringConvertible {
        var description: String { "SQL SELECT * FROM secrets at /var/lib/partner" }
    }

    @Test("every domain code maps to the status of the same name", arguments: DomainError.Code.allCases)
    func domainCodeMapsToSameName(code: DomainError.Code) {
        #expect(code.status != .unknown, "\(code.name) has no status")
        #expect(code.status.name == code.name)
        #expect(RPCError(mapping: DomainError(code, "m")).code == code.status)
    }

    @Test("a domain rule's failure keeps its status, message and field; INVALID_ARGUMENT answers -32602")
    func domainErrorOnTheWire() throws {
        let invalid = RPCError(mapping: DomainError.invalid(field: "postalAddress.regionCode", reason: "is unknown"))
        #expect(invalid.code == .invalidArgument)
        #expect(invalid.wireCode == RPCError.JSONRPCCode.invalidParams)
        #expect(invalid.message == "postalAddress.regionCode: is unknown")
        #expect(
            invalid.details == [
                ["field": "postalAddress.regionCode", "reason": "postalAddress.regionCode: is unknown"]
            ])
        let stale = RPCError(mapping: DomainError.staleEtag("customer", "cus_1", given: "a", current: "b"))
        #expect(stale.code == .aborted && stale.wireCode == 10)
        #expect(stale.details.compactMap { $0["field"]?.stringValue } == ["etag"])
        let denied = RPCError(mapping: DomainError.permissionDenied("sales agents only"))
        #expect(denied.code == .permissionDenied && denied.wireCode == 7 && denied.details.isEmpty)
        #expect(denied.cause is DomainError)
    }

    @Test(
        "a duplicate unique key is ALREADY_EXISTS on the field the domain names, with no method to ask",
        arguments: [
            ("domain:example.com", "primaryDomain"), ("email:par_1:a@example.com", "email"), ("token:t", "token"),
        ])
    func duplicateKeyOnTheWire(key: String, field: String) {
        let error = RPCError(mapping: StoreError.duplicateKey(key))
        #expect(error.code == .alreadyExists && error.wireCode == 6)
        #expect(error.message == "\(field) is already in use")
        #expect(error.details == [["field": .string(field), "reason": "is already in use"]])
    }

    @Test("a duplicate without a key names no field")
    func duplicateWithoutKey() {
        let error = RPCError(mapping: StoreError(code: .duplicateKey, message: "unique key taken"))
        #expect(error.code == .alreadyExists)
        #expect(error.message == "a unique value is already in use" && error.details.isEmpty)
    }

    @Test("an unusable store is UNAVAILABLE with a retry hint; corrupt data is DATA_LOSS without its detail")
    func storeFailuresOnTheWire() {
        let full = RPCError(mapping: StoreError(code: .unavailable, message: "disk full"))
        #expect(full.code == .unavailable && full.retryAfterMs == 1000)
        #expect(full.message == "storage unavailable: disk full")
        let newer = RPCError(mapping: StoreError(code: .incompatibleSchema, message: "schema 9 is newer"))
        #expect(newer.code == .unavailable && newer.retryAfterMs == 1000)
        let corrupt = RPCError(mapping: StoreError(code: .corrupt, message: "row 7 of customers: bad JSON"))
        #expect(corrupt.code == .dataLoss && corrupt.message == "stored data could not be read")
    }

    @Test("anything unexpected is INTERNAL (-32603) with a generic message; the cause stays local")
    func unexpectedIsInternal() {
        let error = RPCError(mapping: Unexpected())
        #expect(error.code == .internalError && error.wireCode == RPCError.JSONRPCCode.internalError)
        #expect(error.message == "internal error" && error.details.isEmpty)
        #expect(error.cause is Unexpected)
    }

    @Test("the logging interceptor reports INTERNAL causes only, and throws the mapped answer")
    func loggingInterceptor() async throws {
        let logged = Mutex<[String]>([])
        let interceptor = InternalErrorLoggingInterceptor { method, cause in
            logged.withLock { $0.append("\(method) \(cause)") }
        }
        let descriptor = RPCMethodDescriptor(name: "Customers.Get")
        let request = RPCRequest(id: .int(1), method: "Customers.Get", params: [:], metadata: RPCMetadata())
        let context = RPCServerContext(descriptor: descriptor)
        for (thrown, status) in [
            (Unexpected() as any Error, RPCError.Code.internalError),
            (DomainError.notFound("customer", "cus_1", field: "customerId"), .notFound),
            (StoreError(code: .unavailable, message: "busy"), .unavailable),
        ] {
            do {
                _ = try await interceptor.intercept(request: request, context: context) { _, _ in throw thrown }
                Issue.record("expected \(status)")
            } catch let error as RPCError {
                #expect(error.code == status)
            }
        }
        #expect(logged.withLock { $0 } == ["Customers.Get SQL SELECT * FROM secrets at /var/lib/partner"])
    }

    @Test(
        "a duplicate primary domain from Invitations.Send is reported as the param `domain`",
        arguments: TransportMode.allCases)
    func invitationDuplicateDomainIsTheParam(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            _ = try await client.customers.create(Fixtures.domainCustomer("held-already.it"))
            let error = await expectFailure(.alreadyExists, "Invitations.Send to a held domain") {
                try await client.invitations.send(
                    .init(name: "N", email: "n@held-already.it", domain: "held-already.it", organisationName: "Held"))
            }
            #expect(error?.fields == ["domain"])
            #expect(error?.wireCode == 6)
            // The same clash from Customers.Create names the customer's own field.
            let again = await expectFailure(.alreadyExists, "Customers.Create of a held domain") {
                try await client.customers.create(Fixtures.domainCustomer("held-already.it"))
            }
            #expect(again?.fields == ["primaryDomain"])
        }
    }
}

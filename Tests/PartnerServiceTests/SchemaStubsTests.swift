import Foundation
import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore
import PartnerServer
import PartnerService
import Testing

/// The contract, the server and the client stubs describe the same methods, both ways.
@Suite("Schema and stubs agree")
struct SchemaStubsTests {
    /// Methods the runtime itself serves: described in the schema, with no PartnerAPI stub.
    static let runtimeMethods: Set<String> = ["Health.Check", "Health.Watch", "rpc.discover"]

    /// Every method name of `PartnerServices.all`.
    static let stubMethodNames: [String] = PartnerServices.all.flatMap(\.names)

    static let schemaMethodNames = Set(PartnerSchema.methods.map(\.name))

    /// The descriptors a fully assembled server registers.
    static func registeredMethods() async throws -> [RPCMethodDescriptor] {
        let folder = try TemporaryDataFolder()
        defer { folder.remove() }
        let app = try await PartnerApplication.open(options: .init(dataDirectory: folder.data))
        let methods = app.server.methods
        await app.close()
        return methods
    }

    @Test("the server registers exactly the schema's methods, runtime ones included")
    func serverMatchesSchema() async throws {
        let registered = Set(try await Self.registeredMethods().map(\.name))
        #expect(registered.subtracting(Self.schemaMethodNames).sorted() == [], "served but not in the schema")
        #expect(Self.schemaMethodNames.subtracting(registered).sorted() == [], "in the schema but not served")
    }

    @Test("the client stubs cover exactly the schema's methods minus the runtime's, each once")
    func stubsMatchSchema() {
        let stubs = Set(Self.stubMethodNames)
        #expect(stubs.count == Self.stubMethodNames.count, "a method name appears in two services")
        let partnerMethods = Self.schemaMethodNames.subtracting(Self.runtimeMethods)
        #expect(stubs.subtracting(partnerMethods).sorted() == [], "stubbed but not in the schema")
        #expect(partnerMethods.subtracting(stubs).sorted() == [], "in the schema but not stubbed")
        for name in Self.stubMethodNames {
            let service = name.split(separator: ".").first.map(String.init) ?? ""
            #expect(!service.isEmpty && name.hasPrefix(service + "."), "\(name) is not Service.Method")
        }
    }

    @Test("each registered method is unary or streaming, public or not, as the schema says")
    func descriptorsMatchSchema() async throws {
        for descriptor in try await Self.registeredMethods() {
            let schema = try #require(PartnerSchema.methodsByName[descriptor.name], "\(descriptor.name)")
            #expect((descriptor.kind == .serverStreaming) == schema.isStreaming, "\(descriptor.name) streaming")
            #expect(descriptor.requiresAuthentication == !schema.isPublic, "\(descriptor.name) authentication")
        }
    }

    @Test("Protocol/partner.openrpc.json on disk is byte for byte the embedded document")
    func documentOnDiskMatches() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Protocol/partner.openrpc.json")
        let onDisk = Array(try Data(contentsOf: path))
        let embedded = Array(PartnerSchema.documentText.utf8)
        let firstDifference =
            zip(onDisk, embedded).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(onDisk.count, embedded.count)
        #expect(
            onDisk == embedded,
            "\(onDisk.count) bytes on disk, \(embedded.count) embedded; first difference at byte \(firstDifference)")
    }

    @Test("x-roles and x-mutating agree with PartnerCore's policy for every method")
    func rolesMatchPolicy() {
        for method in PartnerSchema.methods {
            if let operation = Operation(rawValue: method.name) {
                let allowed = Set(Policy.allowedRoles(operation).map(\.rawValue))
                #expect(
                    Set(method.roles) == allowed, "\(method.name): x-roles \(method.roles), policy \(allowed.sorted())")
                #expect(method.isMutating == operation.isMutating, "\(method.name): x-mutating")
            } else {
                #expect(method.roles == ["none"], "\(method.name) has no domain operation, so needs no role")
            }
        }
        for operation in Operation.allCases {
            #expect(PartnerSchema.methodsByName[operation.method] != nil, "\(operation.method) is not in the schema")
        }
    }

    @Test("every documented error status is a status name, and OK is never an error")
    func documentedErrorsAreStatuses() {
        for method in PartnerSchema.methods {
            #expect(Set(method.errorStatuses).count == method.errorStatuses.count, "\(method.name) repeats a status")
            for status in method.errorStatuses {
                #expect(RPCError.Code(name: status) != nil, "\(method.name): \(status) is not a status name")
                #expect(status != "OK", "\(method.name) lists OK as an error")
            }
            if !method.isPublic {
                #expect(method.errorStatuses.contains("UNAUTHENTICATED"), "\(method.name) needs a token")
                #expect(method.errorStatuses.contains("PERMISSION_DENIED"), "\(method.name) checks roles")
            }
        }
    }

    @Test("every documented error's code is its status's number from RPCError.Code, or a JSON-RPC code of WIRE.md §5.3")
    func documentedErrorCodesMatchTheRuntime() {
        let reserved: Set<Int64> = [-32700, -32600, -32601, -32602, -32603]
        for method in PartnerSchema.document["methods"]?.arrayValue ?? [] {
            let name = method["name"]?.stringValue ?? "?"
            for error in method["errors"]?.arrayValue ?? [] {
                let status = error["data"]?["status"]?.stringValue ?? ""
                let code = error["code"]?.intValue
                guard let known = RPCError.Code(name: status), let code else {
                    Issue.record("\(name): error \(status) without a known status or a code")
                    continue
                }
                #expect(
                    code == Int64(known.rawValue) || reserved.contains(code),
                    "\(name): \(status) documented with code \(code), the runtime sends \(known.rawValue)")
            }
        }
    }

    @Test("rpc.discover answers the embedded document", arguments: TransportMode.allCases)
    func discoverServesDocument(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { _, client in
            let served = try await client.discover()
            #expect(served == PartnerSchema.document)
        }
    }
}

import Foundation
import FramedJSON
import FramedRPC
import PartnerAPI
import Testing

/// The params fuzz target's seeds (Fuzz/corpus/params: `<method>\n<params JSON>`) replayed
/// without a sanitizer: each is valid for its method's schema (so the seeds keep pointing the
/// fuzzer at the decoders' accepting paths), and sent to a whole server, each is answered with a
/// result or a protocol error — never INTERNAL or UNKNOWN.
@Suite("Fuzz corpus replay: params of every method")
struct FuzzParamsCorpusReplayTests {
    static func seeds() throws -> [(name: String, method: String, params: JSONValue)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = root.appendingPathComponent("Fuzz/corpus/params")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let method = String(decoding: bytes[..<newline], as: UTF8.self)
            let params = try JSONParser(maxDepth: 64).parse(Array(bytes[min(newline + 1, bytes.count)...]))
            return (name, method, params)
        }
    }

    @Test("every method has seeds, and every seed is valid for its method's params schema")
    func seedsAreValid() throws {
        let seeds = try Self.seeds()
        let methods = Set(seeds.map(\.method))
        let contract = Set(PartnerSchema.methods.map(\.name)).subtracting([
            "Health.Check", "Health.Watch", "rpc.discover",
        ])
        #expect(
            contract.subtracting(methods).isEmpty, "methods without a seed: \(contract.subtracting(methods).sorted())")
        for seed in seeds {
            #expect(PartnerSchema.methodsByName[seed.method] != nil, "\(seed.name): unknown method")
            let violations = PartnerSchema.validateParams(seed.params, method: seed.method)
            #expect(violations.isEmpty, "\(seed.name): \(violations.map { "\($0.field): \($0.reason)" })")
        }
    }

    @Test("every unary seed sent to a server is answered with a result or a protocol error, never INTERNAL")
    func seedsAnswered() async throws {
        let seeds = try Self.seeds().filter { PartnerSchema.methodsByName[$0.method]?.isStreaming == false }
        try await withPartnerServer(.inProcess) { _, client in
            for seed in seeds {
                do {
                    _ = try await client.call(seed.method, params: seed.params, options: .init(timeout: .seconds(10)))
                } catch let error as RPCError {
                    #expect(
                        ![.internalError, .unknown, .dataLoss].contains(error.code),
                        "\(seed.name): \(error.code) \(error.message)")
                    if error.code == .invalidArgument && error.jsonRPCCode == -32602 {
                        #expect(!error.details.isEmpty, "\(seed.name): -32602 names the field")
                    }
                }
            }
        }
    }
}

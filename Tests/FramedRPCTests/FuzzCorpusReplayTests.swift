import Foundation
import FramedJSON
import Testing

@testable import FramedRPC

/// The fuzz targets' seed corpus (Fuzz/corpus) replayed through the same decoders without a
/// sanitizer, so every `swift test` keeps the seeds — and every crash input added to them —
/// answered properly: frames cut the same whatever the chunking, and every payload decoded into
/// a message whose answers are valid JSON-RPC envelopes, or a protocol error.
@Suite("Fuzz corpus replay: frames and envelopes")
struct FuzzCorpusReplayTests {
    static let decoder = RPCEnvelopeDecoder(maxDepth: 64, maxBatch: 100, maxMetaBytes: 8192, maxMetaKeys: 64)

    /// The seeds of `target`, by file name.
    static func seeds(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = root.appendingPathComponent("Fuzz/corpus/\(target)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { name in
            (name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    @Test("every frames seed is cut the same way whatever the chunks, and each payload gets a valid answer")
    func framesSeeds() throws {
        let seeds = try Self.seeds("frames")
        #expect(seeds.count >= 20)
        for seed in seeds {
            var outcomes: [String] = []
            for size in [seed.bytes.count, 1, 3, 7] {
                var decoder = FrameDecoder(maxFrameBytes: 4096)
                var frames: [[UInt8]] = []
                var failure: FrameError?
                var offset = 0
                chunks: while offset < seed.bytes.count {
                    let end = min(offset + max(size, 1), seed.bytes.count)
                    decoder.append(seed.bytes[offset..<end])
                    offset = end
                    do {
                        while let frame = try decoder.nextFrame() { frames.append(frame) }
                    } catch {
                        failure = error
                        break chunks
                    }
                }
                outcomes.append(
                    "\(frames) \(String(describing: failure)) \(failure == nil ? decoder.bufferedBytes : 0)")
                for frame in frames { try Self.checkPayload(frame, seed.name) }
            }
            #expect(Set(outcomes).count == 1, "\(seed.name): the chunking changed the frames")
        }
    }

    @Test("every envelope seed decodes to messages whose answers are valid envelopes, or a protocol error")
    func envelopeSeeds() throws {
        let seeds = try Self.seeds("envelope")
        #expect(seeds.count >= 20)
        for seed in seeds { try Self.checkPayload(seed.bytes, seed.name) }
    }

    /// Decodes one payload as the server does and checks every answer it would write.
    static func checkPayload(_ payload: [UInt8], _ name: String) throws {
        switch decoder.decode(payload) {
        case .failure(let error):
            try checkAnswer(RPCEnvelopeEncoder.errorFrame(id: .null, error: error), name)
        case .single(let message):
            try check(message, name)
        case .batch(let messages):
            #expect((1...100).contains(messages.count), "\(name)")
            for message in messages { try check(message, name) }
        }
    }

    static func check(_ message: RPCInboundMessage, _ name: String) throws {
        switch message {
        case .invalid(let id, let error):
            if let id { try checkAnswer(RPCEnvelopeEncoder.errorFrame(id: id, error: error), name) }
        case .ping(let id), .cancel(_, let id), .credit(_, _, let id):
            if let id { try checkAnswer(RPCEnvelopeEncoder.responseFrame(id: id, result: RPCEmptyResult()), name) }
        case .ignored:
            break
        case .call(let call):
            let params = try #require(paramsTree(call), "\(name): the call's params")
            if let id = call.id {
                try checkAnswer(RPCEnvelopeEncoder.responseFrame(id: id, result: params), name)
            }
            let again = RPCEnvelopeEncoder.requestFrame(
                id: call.id, method: call.method, params: params, metadata: call.metadata)
            guard case .single(.call(let reread)) = decoder.decode(Array(again.dropFirst(4))) else {
                Issue.record("\(name): a decoded call does not decode again")
                return
            }
            #expect(reread.id == call.id && reread.method == call.method && reread.metadata == call.metadata, "\(name)")
            #expect(paramsTree(reread) == params, "\(name): params changed in a round trip")
        }
    }

    /// The params of a decoded call as a tree, whichever way the decoder keeps them: a tree, or
    /// an enum holding either a tree or the validated raw bytes (`storage[range]`). Read by
    /// reflection, so this test holds across that internal choice of the envelope decoder.
    static func paramsTree(_ call: RPCIncomingCall) -> JSONValue? {
        guard let params = Mirror(reflecting: call).descendant("params") else { return nil }
        if let value = params as? JSONValue { return value }
        guard let payload = Mirror(reflecting: params).children.first?.value else { return nil }
        if let value = payload as? JSONValue { return value }
        let raw = Mirror(reflecting: payload)
        guard let storage = raw.descendant("storage") as? [UInt8], let range = raw.descendant("range") as? Range<Int>
        else {
            return nil
        }
        return try? JSONParser(maxDepth: 1_000).parse(storage[range])
    }

    /// A framed response (or batch of them) as WIRE.md §3.3 defines it.
    static func checkAnswer(_ frame: [UInt8], _ name: String) throws {
        #expect(
            Int(frame[0]) << 24 | Int(frame[1]) << 16 | Int(frame[2]) << 8 | Int(frame[3]) == frame.count - 4, "\(name)"
        )
        let value = try JSONParser(maxDepth: 200).parse(Array(frame.dropFirst(4)))
        let responses: [JSONValue]
        if case .array(let members) = value { responses = members } else { responses = [value] }
        #expect(!responses.isEmpty, "\(name)")
        for response in responses {
            let object = try #require(response.objectValue, "\(name): a response is an object")
            #expect(object["jsonrpc"] == .string("2.0"), "\(name)")
            #expect(object["id"].flatMap(RPCID.init(json:)) != nil, "\(name): id")
            #expect((object["result"] != nil) != (object["error"] != nil), "\(name): exactly one of result and error")
            #expect(Set(object.members.map(\.key)).isSubset(of: ["jsonrpc", "id", "result", "error"]), "\(name)")
            if let error = object["error"] {
                #expect(error["code"]?.intValue != nil, "\(name): error.code")
                #expect(error["message"]?.stringValue != nil, "\(name): error.message")
                #expect(
                    error["data"]?["status"]?.stringValue.flatMap(RPCError.Code.init(name:)) != nil,
                    "\(name): data.status")
            }
        }
    }
}

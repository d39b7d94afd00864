// libFuzzer target: params validation and decoding of every PartnerConsole method.
//
// Input: `<method name>\n<params JSON>`. The name picks the method among PartnerAPI's
// descriptors (`PartnerServices.methods`, the stubs the server registers); a prefix that names
// no method picks one by its first byte, so mutations reach every method. The params go
// through exactly the server's path: `PartnerMethodRegistration.decodeParams` (schema check,
// then typed decoding). It must either decode or throw INVALID_ARGUMENT naming a field; a
// decoded value must encode to params that pass the schema and decode to the same value.
import FramedJSON
import FramedRPC
import PartnerAPI

#if canImport(Glibc)
    import Glibc
#endif

private let methods = PartnerServices.methods.sorted { $0.name < $1.name }
/// `FUZZ_VERBOSE=1`: print whether each input was accepted (to check the seeds).
private let verbose = getenv("FUZZ_VERBOSE") != nil
private let byName = Dictionary(methods.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

/// Run for every input with the picked method's own params type (the descriptor opened).
func checkParams<Method: PartnerMethodDescribing>(_ method: Method, _ request: RPCRequest) throws(RPCError) {
    let value = try PartnerMethodRegistration.decodeParams(Method.Request.self, request)
    let bytes = value.jsonBytes()
    let reencoded: JSONValue
    do {
        reencoded = try JSONParser(maxDepth: 128).parse(bytes)
    } catch {
        fatalError("\(request.method): decoded params encode to invalid JSON (\(error)): \(String(decoding: bytes, as: UTF8.self))")
    }
    let again: Method.Request
    do {
        again = try PartnerMethodRegistration.decodeParams(
            Method.Request.self,
            RPCRequest(id: request.id, method: request.method, params: reencoded, metadata: request.metadata))
    } catch {
        fatalError("\(request.method): accepted params re-encode to params the server refuses: \(error.message) \(String(decoding: bytes, as: UTF8.self))")
    }
    guard let before = value as? AnyHashable, let after = again as? AnyHashable else {
        fatalError("\(request.method): params type \(Method.Request.self) is not Hashable")
    }
    require(before == after, "\(request.method): params changed in a round trip: \(value) -> \(again)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParams(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    require(!methods.isEmpty, "PartnerServices.methods is empty: nothing to fuzz")
    guard !bytes.isEmpty else { return 0 }
    let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    let prefix = String(decoding: bytes[0..<newline], as: UTF8.self)
    let entry = byName[prefix] ?? methods[Int(bytes[0]) % methods.count]
    let json = Array(bytes[min(newline + 1, bytes.count)...])
    // The server reads params as part of the envelope, with the envelope's depth limit; only
    // objects reach the handler (arrays and other types are refused by the envelope decoder).
    guard let params = try? JSONParser(maxDepth: 64).parse(json), case .object = params else { return 0 }
    let request = RPCRequest(id: .int(1), method: entry.name, params: params, metadata: RPCMetadata())
    do {
        try checkParams(entry, request)
        if verbose { print("\(entry.name): accepted") }
    } catch {
        if verbose { print("\(entry.name): refused: \(error.message)") }
        require(
            error.code == .invalidArgument && error.jsonRPCCode == -32602 && !error.details.isEmpty,
            "\(entry.name): refused params must be -32602 naming a field: \(error)")
    }
    return 0
}

/// `precondition` that prints its message in optimized builds too (the fuzz targets are -O).
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

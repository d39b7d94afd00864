// partner-conformance: the protocol and schema conformance suite (not built yet).
#if canImport(Glibc)
    import Glibc
#endif

let message = Array("partner-conformance: not implemented yet; the wire rules are tested by swift test (FramedRPCTCPTests)\n".utf8)
_ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
exit(2)

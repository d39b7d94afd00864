@_exported public import FramedJSON
@_exported public import FramedRPC
@_exported public import FramedRPCTCP

// `import PartnerAPI` is all a client program needs: the runtime types its API exposes
// (RPCClient, RPCCallOptions, RPCError, JSONValue, TCPClientTransport, TLSConfiguration, ...)
// come with it.
#if !os(Linux)
    #error("PartnerAPI builds on Linux only: its TCP transport is epoll-based (see README, Platforms).")
#endif

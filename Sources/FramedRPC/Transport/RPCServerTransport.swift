/// A listener that accepts connections and wires each one to the runtime.
///
/// For every accepted connection the transport creates its outbound side, asks `accept` for the
/// inbound side, and from then on delivers frames to it. `serve` returns after
/// `stopListening()` once every accepted connection has closed (or immediately after the
/// listener stops when there are none).
///
/// ```swift
/// let transport = TCPServerTransport(config: .init(host: "127.0.0.1", port: 0))
/// try await transport.serve { outbound, peer in server.makeConnection(outbound: outbound, peer: peer) }
/// ```
public protocol RPCServerTransport: Sendable {
    /// Accepts connections until `stopListening()`, handing each to `accept`.
    /// - Throws: when the listener cannot be set up (address in use, permission).
    func serve(
        _ accept:
            @escaping @Sendable (_ outbound: any RPCConnectionOutbound, _ peer: String) -> any RPCConnectionInbound
    ) async throws

    /// Stops accepting new connections; existing ones stay open until they close.
    func stopListening()
}

/// Opens connections to one server for a client.
///
/// The runtime's client calls `connect` whenever it needs a (new) connection, and reconnects
/// with backoff on its own; the transport only knows how to open one connection.
///
/// ```swift
/// let transport = TCPClientTransport(host: "127.0.0.1", port: 7420)
/// let outbound = try await transport.connect(inbound: clientConnection)
/// ```
public protocol RPCClientTransport: Sendable {
    /// Opens one connection whose frames go to `inbound`.
    /// - Throws: `RPCError` with code `.unavailable` when the server cannot be reached.
    func connect(inbound: any RPCConnectionInbound) async throws -> any RPCConnectionOutbound
}

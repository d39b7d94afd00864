/// Why a connection closed, as one of a few names fit for a metrics label and a log filter.
public struct RPCCloseReason: Sendable, Hashable, CustomStringConvertible {
    /// `idle`, `stall`, `frame_timeout`, `limit`, `protocol_error`, `tls`, `drain`, `client`,
    /// `error` or `server`.
    public let name: String

    private init(_ name: String) { self.name = name }

    /// No bytes and no call for the idle timeout.
    public static let idle = RPCCloseReason("idle")
    /// The peer read nothing while answers waited for it (WIRE.md §10.4).
    public static let stall = RPCCloseReason("stall")
    /// A started frame did not finish within the frame timeout.
    public static let frameTimeout = RPCCloseReason("frame_timeout")
    /// A limit was passed: a frame over the size limit, too many bytes queued.
    public static let limit = RPCCloseReason("limit")
    /// The byte stream could not be framed (a zero length).
    public static let protocolError = RPCCloseReason("protocol_error")
    /// The TLS handshake or session failed.
    public static let tls = RPCCloseReason("tls")
    /// The server drained (`$/goaway`, then close).
    public static let drain = RPCCloseReason("drain")
    /// The peer closed the connection.
    public static let client = RPCCloseReason("client")
    /// A socket error.
    public static let error = RPCCloseReason("error")
    /// Closed by the server for another reason.
    public static let server = RPCCloseReason("server")

    /// Every reason, for metrics that list them all.
    public static let all: [RPCCloseReason] = [
        .idle, .stall, .frameTimeout, .limit, .protocolError, .tls, .drain, .client, .error, .server,
    ]

    /// The name.
    public var description: String { name }

    /// The category of a transport's close description (`RPCConnectionInbound.connectionClosed`),
    /// as the TCP transport words them; anything else is `server`.
    public init(transportReason text: String) {
        if text.hasPrefix("idle for") {
            self = .idle
        } else if text.hasPrefix("frame not completed") {
            self = .frameTimeout
        } else if text.hasPrefix("peer did not read") || text.hasPrefix("peer read nothing") {
            self = .stall
        } else if text.hasPrefix("peer is not reading") || text.hasPrefix("peer is not keeping up") {
            self = .limit
        } else if text.contains("TLS") || text.contains("tls") || text.contains("certificate") || text.contains("SSL") {
            self = .tls
        } else if text.hasPrefix("peer closed") {
            self = .client
        } else if text.hasPrefix("read failed") || text.hasPrefix("write failed") || text.hasPrefix("socket error") {
            self = .error
        } else {
            self = .server
        }
    }
}

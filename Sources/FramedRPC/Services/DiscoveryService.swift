public import FramedJSON

/// `rpc.discover`: returns the OpenRPC document describing the server (no credentials needed).
/// The document is encoded once, when the service is created.
public struct DiscoveryService: RPCService {
    /// The method's descriptor.
    public static let discover = RPCMethodDescriptor(name: "rpc.discover", requiresAuthentication: false)

    /// The OpenRPC document `rpc.discover` answers with.
    public let document: JSONValue
    private let encoded: RPCRawJSON

    /// Creates the service answering with `document`.
    public init(document: JSONValue) {
        self.document = document
        self.encoded = RPCRawJSON(bytes: document.encodedBytes)
    }

    /// The same service with `methods` (OpenRPC method objects) appended to the document's
    /// `methods`, except those whose name it already lists. `RPCServer` uses this to list the
    /// methods other services describe themselves (WIRE.md §14.2).
    public func adding(methods: [JSONValue]) -> DiscoveryService {
        guard case .object(var root) = document, case .array(var listed)? = root["methods"] else { return self }
        let names = Set(listed.compactMap { $0["name"]?.stringValue })
        listed += methods.filter { method in !names.contains(method["name"]?.stringValue ?? "") }
        root["methods"] = .array(listed)
        return DiscoveryService(document: .object(root))
    }

    /// Registers `rpc.discover`.
    public func registerMethods(with router: inout RPCRouter) {
        let encoded = self.encoded
        router.registerUnary(Self.discover) { request, _ in
            // rpc.discover takes no params: any member is "not a known field" (WIRE.md §3.4).
            try RPCParamCheck.check(request.params, [])
            return encoded
        }
    }
}

/// Bytes already holding exactly one valid JSON value, written as they are.
public struct RPCRawJSON: JSONEncodable, Sendable {
    /// The encoded value.
    public let bytes: [UInt8]
    /// Wraps bytes the caller guarantees to be one valid JSON value.
    public init(bytes: [UInt8]) { self.bytes = bytes }
    /// Writes the bytes.
    public func encode(to writer: inout JSONWriter) { writer.raw(bytes) }
}

public import FramedJSON

/// A group of methods registered together.
///
/// ```swift
/// struct GreeterService: RPCService {
///     func registerMethods(with router: inout RPCRouter) {
///         router.registerUnary(RPCMethodDescriptor(name: "Greeter.Hello")) { request, context in
///             let name: String = try JSONFields(request.params, path: "").required("name")
///             return "Hello, \(name)"
///         }
///     }
/// }
/// ```
public protocol RPCService: Sendable {
    /// Adds this service's methods to `router`.
    func registerMethods(with router: inout RPCRouter)

    /// OpenRPC method objects this service describes itself: `RPCServer` adds them to the
    /// document of every `DiscoveryService` it serves, unless that document already lists a
    /// method of the same name, so `rpc.discover` describes what is served (WIRE.md §14.2).
    var openRPCMethods: [JSONValue] { get }
}

extension RPCService {
    /// None: the service's methods are described by the server's document, if at all.
    public var openRPCMethods: [JSONValue] { [] }
}

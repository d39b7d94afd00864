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
}

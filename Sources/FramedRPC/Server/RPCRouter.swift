public import FramedJSON
import Synchronization

/// The method table a server dispatches on: built once when the server starts.
///
/// ```swift
/// var router = RPCRouter()
/// router.registerUnary(RPCMethodDescriptor(name: "Math.Double")) { request, _ in
///     let n: Int64 = try JSONFields(request.params, path: "").required("n")
///     return n * 2
/// }
/// router.register(HealthService(health: health))
/// ```
public struct RPCRouter: Sendable {
    /// A streaming handler: items go through the writer, the return value ends the call.
    public typealias StreamingHandler =
        @Sendable (RPCRequest, RPCServerContext, RPCStreamWriter) async throws -> any JSONEncodable & Sendable

    /// A registered method as calls reach it: one reference, so a call carries it with one
    /// retain instead of one per string, set and closure it holds.
    final class Entry: Sendable {
        let descriptor: RPCMethodDescriptor
        let handler: RPCServerNext
        /// The byte size of the method's latest answer: the next answer's buffer starts that
        /// large, so a large answer (a page of records) is not copied through every doubling.
        let answerSize = Atomic<Int>(0)

        init(descriptor: RPCMethodDescriptor, handler: @escaping RPCServerNext) {
            self.descriptor = descriptor
            self.handler = handler
        }
    }

    private(set) var entries: [String: Entry] = [:]

    /// Creates an empty router.
    public init() {}

    /// Registers (or replaces) a unary method. The descriptor's kind is set to `.unary`.
    public mutating func registerUnary(
        _ descriptor: RPCMethodDescriptor,
        handler: @escaping @Sendable (RPCRequest, RPCServerContext) async throws -> any JSONEncodable & Sendable
    ) {
        var descriptor = descriptor
        descriptor.kind = .unary
        entries[descriptor.name] = Entry(descriptor: descriptor, handler: handler)
    }

    /// Registers (or replaces) a server-streaming method. The descriptor's kind is set to
    /// `.serverStreaming`.
    public mutating func registerServerStreaming(_ descriptor: RPCMethodDescriptor, handler: @escaping StreamingHandler)
    {
        var descriptor = descriptor
        descriptor.kind = .serverStreaming
        entries[descriptor.name] = Entry(descriptor: descriptor) { request, context in
            guard let writer = context.streamWriter else {
                throw RPCError(code: .internalError, message: "streaming method called without a stream")
            }
            return try await handler(request, context, writer)
        }
    }

    /// Registers every method of `service`.
    public mutating func register(_ service: any RPCService) {
        service.registerMethods(with: &self)
    }

    /// The descriptors of every registered method, sorted by name.
    public var descriptors: [RPCMethodDescriptor] {
        entries.values.map(\.descriptor).sorted { $0.name < $1.name }
    }

    /// The descriptor of `method`, or `nil` when it is not registered.
    public func descriptor(of method: String) -> RPCMethodDescriptor? { entries[method]?.descriptor }

    /// The table with every handler wrapped in `interceptors` (first = outermost), built once.
    func composed(with interceptors: [any RPCServerInterceptor]) -> [String: Entry] {
        guard !interceptors.isEmpty else { return entries }
        return entries.mapValues { entry in
            var next = entry.handler
            for interceptor in interceptors.reversed() {
                let inner = next
                next = { request, context in
                    try await interceptor.intercept(request: request, context: context, next: inner)
                }
            }
            return Entry(descriptor: entry.descriptor, handler: next)
        }
    }
}

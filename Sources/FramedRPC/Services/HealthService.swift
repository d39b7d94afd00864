import FramedJSON

/// `Health.Check` and `Health.Watch` (WIRE.md "Health", gRPC health semantics) over an
/// `RPCHealth` registry. Neither needs credentials.
///
/// - `Health.Check {"service"?: String}` -> `{"status":"SERVING"|"NOT_SERVING"}`; an unknown
///   service is NOT_FOUND (5); `""` or no service means the whole server; a name longer than
///   200 characters is -32602.
/// - `Health.Watch {"service"?: String}` streams `{"status":..}`: the current status, then one
///   item per change; SERVICE_UNKNOWN for an unknown service, and the stream stays open. When
///   the server drains the last item is NOT_SERVING and the call ends with `{}`.
public struct HealthService: RPCService {
    /// The registry read.
    public let health: RPCHealth

    /// Creates the service over `health`.
    public init(health: RPCHealth) {
        self.health = health
    }

    /// `Health.Check`.
    public static let check = RPCMethodDescriptor(name: "Health.Check", requiresAuthentication: false)
    /// `Health.Watch`.
    public static let watch = RPCMethodDescriptor(
        name: "Health.Watch", kind: .serverStreaming, requiresAuthentication: false)

    /// Registers both methods.
    public func registerMethods(with router: inout RPCRouter) {
        let health = self.health
        router.registerUnary(Self.check) { request, _ in
            let service = try Self.service(in: request)
            guard let status = health.status(of: service) else {
                throw RPCError(
                    code: .notFound, message: "service \"\(service)\" is not known",
                    details: [["field": "service", "reason": "is not a known service"]])
            }
            return StatusBody(status: status)
        }
        router.registerServerStreaming(Self.watch) { request, _, writer in
            let service = try Self.service(in: request)
            for await status in health.watch(service) {
                try await writer.send(StatusBody(status: status))
            }
            return RPCEmptyResult()
        }
    }

    /// The longest service name accepted (WIRE.md §14.1; `maxLength` in the OpenRPC document).
    public static let maxServiceNameLength = 200

    private static func service(in request: RPCRequest) throws -> String {
        try RPCParamCheck.check(request.params, RPCParamCheck.health)
        let fields = try JSONFields(request.params, path: "", allowed: ["service"])
        let service = try fields.optional("service", as: String.self) ?? ""
        guard service.unicodeScalars.count <= maxServiceNameLength else {
            throw JSONDecodingError(field: "service", reason: "must be at most \(maxServiceNameLength) characters")
        }
        return service
    }

    struct StatusBody: JSONEncodable, Sendable {
        var status: RPCHealth.Status
        func encode(to w: inout JSONWriter) {
            w.beginObject()
            w.key("status")
            w.string(status.rawValue)
            w.endObject()
        }
    }
}

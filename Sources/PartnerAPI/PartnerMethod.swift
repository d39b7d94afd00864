public import FramedJSON

/// One unary method of `Protocol/partner.openrpc.json`, named once: the typed client calls it,
/// the server stub registers it, and `<Service>.methods.names` reads its name, all through this value.
///
/// ```swift
/// public static let get = PartnerMethod<GetRequest, Customer>("Customers.Get")
/// ```
public struct PartnerMethod<Request: JSONCodable & Sendable, Response: JSONCodable & Sendable>: Sendable {
    /// The wire name, e.g. "Customers.Get".
    public let name: String

    /// Names a method of the schema (a name the schema lacks fails the lockstep tests and, at
    /// registration, stops the server).
    public init(_ name: String) { self.name = name }
}

/// One server-streaming method of the schema: its params, the `$/item` notifications it sends
/// and the result that ends the stream.
public struct PartnerStreamingMethod<
    Request: JSONCodable & Sendable, Item: JSONCodable & Sendable, Result: JSONCodable & Sendable
>: Sendable {
    /// The wire name, e.g. "Events.Watch".
    public let name: String

    /// Names a streaming method of the schema.
    public init(_ name: String) { self.name = name }
}

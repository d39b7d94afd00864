public import FramedJSON
public import FramedRPC

/// The typed client of one service: every method its `Methods` names is callable as a member,
/// `client.customers.get(.init(customerId: id))`, with the method's own request and response
/// types, and nothing written per method.
///
/// Each call throws `RPCError` with a status the schema documents for that method; it is
/// retried on UNAVAILABLE only when safe (see `PartnerCaller`).
@dynamicMemberLookup
public struct PartnerServiceClient<Methods: PartnerMethodSet>: Sendable {
    /// The shared caller (runtime client and retry rule).
    public let caller: PartnerCaller
    /// The service's methods.
    public let methods: Methods

    /// A client of `methods` over `caller`.
    public init(caller: PartnerCaller, methods: Methods) {
        self.caller = caller
        self.methods = methods
    }

    /// The unary method `method`, ready to call.
    public subscript<Request, Response>(
        dynamicMember method: KeyPath<Methods, PartnerMethod<Request, Response>>
    ) -> PartnerCall<Request, Response> {
        PartnerCall(caller: caller, method: methods[keyPath: method])
    }

    /// The streaming method `method`, ready to open.
    public subscript<Request, Item, Result>(
        dynamicMember method: KeyPath<Methods, PartnerStreamingMethod<Request, Item, Result>>
    ) -> PartnerStreamCall<Request, Item, Result> {
        PartnerStreamCall(caller: caller, method: methods[keyPath: method])
    }
}

/// One unary method bound to a caller: call it like a function.
public struct PartnerCall<Request: JSONCodable & Sendable, Response: JSONCodable & Sendable>: Sendable {
    let caller: PartnerCaller
    /// The method called.
    public let method: PartnerMethod<Request, Response>

    /// Calls the method; call options carry deadline, token and idempotency key.
    /// - Throws: `RPCError` with a status the schema documents for the method.
    public func callAsFunction(_ request: Request, options: RPCCallOptions = .init()) async throws(RPCError)
        -> Response
    {
        try await caller.unary(method, request, options: options)
    }
}

extension PartnerCall where Request == Empty {
    /// Calls a method that takes no params.
    /// - Throws: `RPCError` with a status the schema documents for the method.
    public func callAsFunction(options: RPCCallOptions = .init()) async throws(RPCError) -> Response {
        try await caller.unary(method, Empty(), options: options)
    }
}

/// One server-streaming method bound to a caller: call it to open the stream.
public struct PartnerStreamCall<
    Request: JSONCodable & Sendable, Item: JSONCodable & Sendable, Result: JSONCodable & Sendable
>: Sendable {
    let caller: PartnerCaller
    /// The method opened.
    public let method: PartnerStreamingMethod<Request, Item, Result>

    /// Opens the stream: iterate the items, then ask for the closing result.
    public func callAsFunction(_ request: Request, options: RPCCallOptions = .init()) -> PartnerStream<Item, Result> {
        caller.serverStream(method, request, options: options)
    }
}

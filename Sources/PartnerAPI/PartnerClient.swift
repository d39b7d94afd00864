public import FramedJSON
public import FramedRPC

/// The PartnerConsole client: one typed client per service over a single multiplexed
/// connection (to the first healthy of several replicas, failing over when one is lost).
///
/// ```swift
/// import PartnerAPI
///
/// try await withPartnerClient(to: "127.0.0.1:7420", token: token) { client in
///     let customer = try await client.customers.get(.init(customerId: "cus_..."))
///     print(customer.displayName)
/// }
/// ```
///
/// Or by hand: `PartnerClient.connect(to:token:options:)`, then `close()`; or over any
/// `RPCClient` with `init(rpc:retry:)`.
public struct PartnerClient: Sendable {
    /// The shared caller (runtime client and retry rule).
    public let caller: PartnerCaller

    /// A client over `rpc` with the default retry rule.
    public init(rpc: RPCClient, retry: PartnerCaller.RetryPolicy = .init()) {
        self.caller = PartnerCaller(rpc: rpc, retry: retry)
    }

    /// `Partners.*`
    public var partners: Partners.Client { .init(caller: caller, methods: Partners.methods) }
    /// `Agents.*`
    public var agents: Agents.Client { .init(caller: caller, methods: Agents.methods) }
    /// `Tokens.*`
    public var tokens: Tokens.Client { .init(caller: caller, methods: Tokens.methods) }
    /// `Customers.*`
    public var customers: Customers.Client { .init(caller: caller, methods: Customers.methods) }
    /// `Invitations.*`
    public var invitations: Invitations.Client { .init(caller: caller, methods: Invitations.methods) }
    /// `CompanyProfiles.*`
    public var companyProfiles: CompanyProfiles.Client { .init(caller: caller, methods: CompanyProfiles.methods) }
    /// `BillingProfiles.*`
    public var billingProfiles: BillingProfiles.Client { .init(caller: caller, methods: BillingProfiles.methods) }
    /// `Users.*`
    public var users: Users.Client { .init(caller: caller, methods: Users.methods) }
    /// `Contacts.*`
    public var contacts: Contacts.Client { .init(caller: caller, methods: Contacts.methods) }
    /// `Catalog.*`
    public var catalog: Catalog.Client { .init(caller: caller, methods: Catalog.methods) }
    /// `Orders.*`
    public var orders: Orders.Client { .init(caller: caller, methods: Orders.methods) }
    /// `Subscriptions.*`
    public var subscriptions: Subscriptions.Client { .init(caller: caller, methods: Subscriptions.methods) }
    /// `Invoices.*`
    public var invoices: Invoices.Client { .init(caller: caller, methods: Invoices.methods) }
    /// `Notifications.*`
    public var notifications: Notifications.Client { .init(caller: caller, methods: Notifications.methods) }
    /// `Audit.*`
    public var audit: Audit.Client { .init(caller: caller, methods: Audit.methods) }
    /// `Events.*`
    public var events: Events.Client { .init(caller: caller, methods: Events.methods) }
    /// `AdminConsoleSim.*` (present while the embedded simulator is the admin console)
    public var adminConsoleSim: AdminConsoleSim.Client { .init(caller: caller, methods: AdminConsoleSim.methods) }

    /// `Health.Check`: "SERVING" or "NOT_SERVING" for `service` ("" = the whole server);
    /// retried under the caller's rule (it is idempotent).
    /// - Throws: NOT_FOUND for an unknown service.
    public func healthCheck(service: String = "", options: RPCCallOptions = .init()) async throws(RPCError) -> String {
        let value: JSONValue = try await caller.unary(
            "Health.Check", JSONValue.object(["service": .string(service)]), options: options)
        guard let status = value["status"]?.stringValue else {
            throw RPCError(code: .internalError, message: "Health.Check answered without a status")
        }
        return status
    }

    /// `rpc.discover`: the server's OpenRPC document.
    public func discover(options: RPCCallOptions = .init()) async throws(RPCError) -> JSONValue {
        try await caller.unary("rpc.discover", JSONValue.object([:]), options: options)
    }

    /// Calls any method with raw JSON params (what `partnerctl call` does), retried under the
    /// caller's rule when that is safe (idempotent method or idempotency key).
    public func call(_ method: String, params: JSONValue, options: RPCCallOptions = .init()) async throws(RPCError)
        -> JSONValue
    {
        try await caller.unary(method, params, options: options)
    }
}

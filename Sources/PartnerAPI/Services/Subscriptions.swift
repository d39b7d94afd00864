public import FramedJSON
public import FramedRPC

/// Subscriptions: seats, suspension, cancellation, renewal settings, trials, history.
///
/// Mirrors the `Subscriptions.*` methods of `Protocol/partner.openrpc.json`.
public enum Subscriptions {
    /// Params of Subscriptions.Get.
    public struct GetRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Subscription.
        public var subscriptionId: String

        /// Creates the message.
        public init(subscriptionId: String) {
            self.subscriptionId = subscriptionId
        }
    }

    /// Params of Subscriptions.List.
    public struct ListRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?
        /// Limit to one customer; absent for the partner's own.
        public var customerId: String?

        /// Creates the message.
        public init(pageSize: Int? = nil, pageToken: String? = nil, customerId: String? = nil) {
            self.pageSize = pageSize
            self.pageToken = pageToken
            self.customerId = customerId
        }
    }

    /// Params of Subscriptions.ChangeSeats: give `seats` (absolute) or `delta`.
    public struct ChangeSeatsRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Subscription.
        public var subscriptionId: String
        /// Current etag; a stale one gives ABORTED.
        public var etag: String?
        /// New seat count.
        public var seats: Int?
        /// Seats to add (positive) or remove (negative).
        public var delta: Int?
        /// Why, for the history.
        public var reason: String?

        /// Creates the message.
        public init(
            subscriptionId: String, etag: String? = nil, seats: Int? = nil, delta: Int? = nil, reason: String? = nil
        ) {
            self.subscriptionId = subscriptionId
            self.etag = etag
            self.seats = seats
            self.delta = delta
            self.reason = reason
        }
    }

    /// Params of Subscriptions.Suspend, Activate, Cancel and StartPaidService.
    public struct StateChangeRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Subscription.
        public var subscriptionId: String
        /// Current etag.
        public var etag: String?
        /// Why, for the history.
        public var reason: String?

        /// Creates the message.
        public init(subscriptionId: String, etag: String? = nil, reason: String? = nil) {
            self.subscriptionId = subscriptionId
            self.etag = etag
            self.reason = reason
        }
    }

    /// Params of Subscriptions.UpdateRenewalSettings.
    public struct UpdateRenewalSettingsRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Subscription (an ANNUAL plan).
        public var subscriptionId: String
        /// Current etag; a stale one gives ABORTED.
        public var etag: String?
        /// Renew for a year at the term end (true) or end there (false).
        public var autoRenew: Bool
        /// The SKU of the same family to move to at the next renewal; empty clears it; absent keeps it.
        public var renewalSku: String?
        /// Why, for the history.
        public var reason: String?

        /// Creates the message.
        public init(
            subscriptionId: String, etag: String? = nil, autoRenew: Bool, renewalSku: String? = nil,
            reason: String? = nil
        ) {
            self.subscriptionId = subscriptionId
            self.etag = etag
            self.autoRenew = autoRenew
            self.renewalSku = renewalSku
            self.reason = reason
        }
    }

    /// Params of Subscriptions.ListHistory.
    public struct ListHistoryRequest: Codable, Sendable, Hashable, JSONCodable {
        /// Items per page, 1 to 200; default 50.
        public var pageSize: Int?
        /// The previous page's nextPageToken.
        public var pageToken: String?
        /// The subscription whose history to list.
        public var subscriptionId: String

        /// Creates the message.
        public init(pageSize: Int? = nil, pageToken: String? = nil, subscriptionId: String) {
            self.pageSize = pageSize
            self.pageToken = pageToken
            self.subscriptionId = subscriptionId
        }
    }

    /// The method names this service answers.
    public static let methodNames: [String] = [
        "Subscriptions.Get", "Subscriptions.List", "Subscriptions.ChangeSeats", "Subscriptions.Suspend",
        "Subscriptions.Activate", "Subscriptions.Cancel", "Subscriptions.UpdateRenewalSettings",
        "Subscriptions.StartPaidService", "Subscriptions.ListHistory",
    ]

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Subscriptions.Get`: One subscription with its recent history.
        func get(_ request: Subscriptions.GetRequest, context: RPCServerContext) async throws -> Subscription
        /// `Subscriptions.List`: Subscriptions.
        func list(_ request: Subscriptions.ListRequest, context: RPCServerContext) async throws -> Page<Subscription>
        /// `Subscriptions.ChangeSeats`: Sets or adds/subtracts seats.
        func changeSeats(_ request: Subscriptions.ChangeSeatsRequest, context: RPCServerContext) async throws
            -> Subscription
        /// `Subscriptions.Suspend`: Suspends an active subscription.
        func suspend(_ request: Subscriptions.StateChangeRequest, context: RPCServerContext) async throws
            -> Subscription
        /// `Subscriptions.Activate`: Reactivates a suspended subscription.
        func activate(_ request: Subscriptions.StateChangeRequest, context: RPCServerContext) async throws
            -> Subscription
        /// `Subscriptions.Cancel`: Cancels (terminal).
        func cancel(_ request: Subscriptions.StateChangeRequest, context: RPCServerContext) async throws -> Subscription
        /// `Subscriptions.UpdateRenewalSettings`: Turns an annual plan's auto-renewal on or off and sets the plan it renews on.
        func updateRenewalSettings(_ request: Subscriptions.UpdateRenewalSettingsRequest, context: RPCServerContext)
            async throws -> Subscription
        /// `Subscriptions.StartPaidService`: Converts a trial to paid service.
        func startPaidService(_ request: Subscriptions.StateChangeRequest, context: RPCServerContext) async throws
            -> Subscription
        /// `Subscriptions.ListHistory`: Lists a subscription's whole history.
        func listHistory(_ request: Subscriptions.ListHistoryRequest, context: RPCServerContext) async throws -> Page<
            SubscriptionChange
        >
    }

    /// The typed client: one method per RPC; call options carry deadline, token and idempotency key.
    public struct Client: Sendable {
        let caller: PartnerCaller

        /// `Subscriptions.Get`: One subscription with its recent history.
        /// - Throws: `RPCError` with the status the schema documents for `Subscriptions.Get`.
        public func get(_ request: Subscriptions.GetRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Subscription
        {
            try await caller.unary("Subscriptions.Get", request, options: options)
        }

        /// `Subscriptions.List`: Subscriptions.
        /// - Throws: `RPCError` with the status the schema documents for `Subscriptions.List`.
        public func list(_ request: Subscriptions.ListRequest, options: RPCCallOptions = .init()) async throws(RPCError)
            -> Page<Subscription>
        {
            try await caller.unary("Subscriptions.List", request, options: options)
        }

        /// `Subscriptions.ChangeSeats`: Sets or adds/subtracts seats.
        /// - Throws: `RPCError` with the status the schema documents for `Subscriptions.ChangeSeats`.
        public func changeSeats(_ request: Subscriptions.ChangeSeatsRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Subscription
        {
            try await caller.unary("Subscriptions.ChangeSeats", request, options: options)
        }

        /// `Subscriptions.Suspend`: Suspends an active subscription.
        /// - Throws: `RPCError` with the status the schema documents for `Subscriptions.Suspend`.
        public func suspend(_ request: Subscriptions.StateChangeRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Subscription
        {
            try await caller.unary("Subscriptions.Suspend", request, options: options)
        }

        /// `Subscriptions.Activate`: Reactivates a suspended subscription.
        /// - Throws: `RPCError` with the status the schema documents for `Subscriptions.Activate`.
        public func activate(_ request: Subscriptions.StateChangeRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Subscription
        {
            try await caller.unary("Subscriptions.Activate", request, options: options)
        }

        /// `Subscriptions.Cancel`: Cancels (terminal).
        /// - Throws: `RPCError` with the status the schema documents for `Subscriptions.Cancel`.
        public func cancel(_ request: Subscriptions.StateChangeRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Subscription
        {
            try await caller.unary("Subscriptions.Cancel", request, options: options)
        }

        /// `Subscriptions.UpdateRenewalSettings`: Turns an annual plan's auto-renewal on or off and sets the plan it renews on.
        /// - Throws: `RPCError` with the status the schema documents for `Subscriptions.UpdateRenewalSettings`.
        public func updateRenewalSettings(
            _ request: Subscriptions.UpdateRenewalSettingsRequest, options: RPCCallOptions = .init()
        ) async throws(RPCError) -> Subscription {
            try await caller.unary("Subscriptions.UpdateRenewalSettings", request, options: options)
        }

        /// `Subscriptions.StartPaidService`: Converts a trial to paid service.
        /// - Throws: `RPCError` with the status the schema documents for `Subscriptions.StartPaidService`.
        public func startPaidService(_ request: Subscriptions.StateChangeRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Subscription
        {
            try await caller.unary("Subscriptions.StartPaidService", request, options: options)
        }

        /// `Subscriptions.ListHistory`: Lists a subscription's whole history.
        /// - Throws: `RPCError` with the status the schema documents for `Subscriptions.ListHistory`.
        public func listHistory(_ request: Subscriptions.ListHistoryRequest, options: RPCCallOptions = .init())
            async throws(RPCError) -> Page<SubscriptionChange>
        {
            try await caller.unary("Subscriptions.ListHistory", request, options: options)
        }
    }
}

extension Subscriptions.ServiceProtocol {
    /// Registers every `Subscriptions.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.registerPartnerUnary("Subscriptions.Get", Subscriptions.GetRequest.self) {
            try await self.get($0, context: $1)
        }
        router.registerPartnerUnary("Subscriptions.List", Subscriptions.ListRequest.self) {
            try await self.list($0, context: $1)
        }
        router.registerPartnerUnary("Subscriptions.ChangeSeats", Subscriptions.ChangeSeatsRequest.self) {
            try await self.changeSeats($0, context: $1)
        }
        router.registerPartnerUnary("Subscriptions.Suspend", Subscriptions.StateChangeRequest.self) {
            try await self.suspend($0, context: $1)
        }
        router.registerPartnerUnary("Subscriptions.Activate", Subscriptions.StateChangeRequest.self) {
            try await self.activate($0, context: $1)
        }
        router.registerPartnerUnary("Subscriptions.Cancel", Subscriptions.StateChangeRequest.self) {
            try await self.cancel($0, context: $1)
        }
        router.registerPartnerUnary(
            "Subscriptions.UpdateRenewalSettings", Subscriptions.UpdateRenewalSettingsRequest.self
        ) { try await self.updateRenewalSettings($0, context: $1) }
        router.registerPartnerUnary("Subscriptions.StartPaidService", Subscriptions.StateChangeRequest.self) {
            try await self.startPaidService($0, context: $1)
        }
        router.registerPartnerUnary("Subscriptions.ListHistory", Subscriptions.ListHistoryRequest.self) {
            try await self.listHistory($0, context: $1)
        }
    }
}

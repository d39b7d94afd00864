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

    /// Params of Subscriptions.List: one page of the partner's own, or of one customer's.
    public typealias ListRequest = CustomerPageRequest

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

    /// The methods of this service, each named once: the client calls them
    /// (`client.subscriptions.get(...)`) and the server stub registers them.
    public struct Methods: PartnerMethodSet {
        /// `Subscriptions.Get`: One subscription with its recent history.
        public let get = PartnerMethod<GetRequest, Subscription>("Subscriptions.Get")
        /// `Subscriptions.List`: Subscriptions.
        public let list = PartnerMethod<ListRequest, Page<Subscription>>("Subscriptions.List")
        /// `Subscriptions.ChangeSeats`: Sets or adds/subtracts seats.
        public let changeSeats = PartnerMethod<ChangeSeatsRequest, Subscription>("Subscriptions.ChangeSeats")
        /// `Subscriptions.Suspend`: Suspends an active subscription.
        public let suspend = PartnerMethod<StateChangeRequest, Subscription>("Subscriptions.Suspend")
        /// `Subscriptions.Activate`: Reactivates a suspended subscription.
        public let activate = PartnerMethod<StateChangeRequest, Subscription>("Subscriptions.Activate")
        /// `Subscriptions.Cancel`: Cancels (terminal).
        public let cancel = PartnerMethod<StateChangeRequest, Subscription>("Subscriptions.Cancel")
        /// `Subscriptions.UpdateRenewalSettings`: Turns an annual plan's auto-renewal on or off and sets the plan it renews on.
        public let updateRenewalSettings = PartnerMethod<UpdateRenewalSettingsRequest, Subscription>(
            "Subscriptions.UpdateRenewalSettings")
        /// `Subscriptions.StartPaidService`: Converts a trial to paid service.
        public let startPaidService = PartnerMethod<StateChangeRequest, Subscription>(
            "Subscriptions.StartPaidService")
        /// `Subscriptions.ListHistory`: Lists a subscription's whole history.
        public let listHistory = PartnerMethod<ListHistoryRequest, Page<SubscriptionChange>>(
            "Subscriptions.ListHistory")
    }

    /// The methods of `Subscriptions.*`.
    public static let methods = Methods()

    /// The server side: implement these and register the service with an `RPCServer`.
    public protocol ServiceProtocol: RPCService {
        /// `Subscriptions.Get`: One subscription with its recent history.
        func get(_ request: GetRequest, context: RPCServerContext) async throws -> Subscription
        /// `Subscriptions.List`: Subscriptions.
        func list(_ request: ListRequest, context: RPCServerContext) async throws -> Page<Subscription>
        /// `Subscriptions.ChangeSeats`: Sets or adds/subtracts seats.
        func changeSeats(_ request: ChangeSeatsRequest, context: RPCServerContext) async throws
            -> Subscription
        /// `Subscriptions.Suspend`: Suspends an active subscription.
        func suspend(_ request: StateChangeRequest, context: RPCServerContext) async throws
            -> Subscription
        /// `Subscriptions.Activate`: Reactivates a suspended subscription.
        func activate(_ request: StateChangeRequest, context: RPCServerContext) async throws
            -> Subscription
        /// `Subscriptions.Cancel`: Cancels (terminal).
        func cancel(_ request: StateChangeRequest, context: RPCServerContext) async throws -> Subscription
        /// `Subscriptions.UpdateRenewalSettings`: Turns an annual plan's auto-renewal on or off and sets the plan it renews on.
        func updateRenewalSettings(_ request: UpdateRenewalSettingsRequest, context: RPCServerContext)
            async throws -> Subscription
        /// `Subscriptions.StartPaidService`: Converts a trial to paid service.
        func startPaidService(_ request: StateChangeRequest, context: RPCServerContext) async throws
            -> Subscription
        /// `Subscriptions.ListHistory`: Lists a subscription's whole history.
        func listHistory(_ request: ListHistoryRequest, context: RPCServerContext) async throws -> Page<
            SubscriptionChange
        >
    }

    /// The typed client: each method of `Methods` as a member (`client.method(request, options:)`);
    /// call options carry deadline, token and idempotency key.
    public typealias Client = PartnerServiceClient<Methods>
}

extension Subscriptions.ServiceProtocol {
    /// Registers every `Subscriptions.*` method, params checked against the schema.
    public func registerMethods(with router: inout RPCRouter) {
        router.register(Subscriptions.methods.get) { try await self.get($0, context: $1) }
        router.register(Subscriptions.methods.list) { try await self.list($0, context: $1) }
        router.register(Subscriptions.methods.changeSeats) { try await self.changeSeats($0, context: $1) }
        router.register(Subscriptions.methods.suspend) { try await self.suspend($0, context: $1) }
        router.register(Subscriptions.methods.activate) { try await self.activate($0, context: $1) }
        router.register(Subscriptions.methods.cancel) { try await self.cancel($0, context: $1) }
        router.register(Subscriptions.methods.updateRenewalSettings) {
            try await self.updateRenewalSettings($0, context: $1)
        }
        router.register(Subscriptions.methods.startPaidService) { try await self.startPaidService($0, context: $1) }
        router.register(Subscriptions.methods.listHistory) { try await self.listHistory($0, context: $1) }
    }
}

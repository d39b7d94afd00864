import FramedRPC
import PartnerAPI
import PartnerCore

/// `Subscriptions.*`: reading subscriptions and their history, changing seats, suspending,
/// reactivating and cancelling them, renewal settings, starting paid service of a trial.
struct SubscriptionsService: Subscriptions.ServiceProtocol {
    let backend: PartnerBackend
    var operations: SubscriptionOperations { PartnerDomain(context: backend.context).subscriptions }

    func get(_ request: Subscriptions.GetRequest, context: RPCServerContext) async throws -> PartnerAPI.Subscription {
        let operations = operations
        return try await backend.read(context) { caller, tx in
            let details = try operations.get(request.subscriptionId, caller: caller, in: tx)
            return PartnerAPI.Subscription(
                details.subscription, history: details.history, historyTruncated: details.historyTruncated)
        }
    }

    func list(
        _ request: Subscriptions.ListRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Page<PartnerAPI.Subscription> {
        let operations = operations
        let filter = SubscriptionFilter(customerId: request.customerId)
        let message: @Sendable (PartnerCore.Subscription) -> PartnerAPI.Subscription = { .init($0) }
        return try await backend.readPage(context, request.pageSize, request.pageToken, as: message) {
            page, caller, tx in try operations.list(filter, page: page, caller: caller, in: tx)
        }
    }

    func changeSeats(
        _ request: Subscriptions.ChangeSeatsRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Subscription {
        let operations = operations
        let input = SeatChange(
            subscriptionId: request.subscriptionId, seats: request.seats, delta: request.delta, etag: request.etag,
            reason: request.reason)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Subscription(try operations.changeSeats(input, caller: caller, in: tx))
        }
    }

    func suspend(_ request: Subscriptions.StateChangeRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Subscription
    {
        try await transition(context, request) { try $0.suspend($1, caller: $2, in: $3) }
    }

    func activate(_ request: Subscriptions.StateChangeRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Subscription
    {
        try await transition(context, request) { try $0.activate($1, caller: $2, in: $3) }
    }

    func cancel(_ request: Subscriptions.StateChangeRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Subscription
    {
        try await transition(context, request) { try $0.cancel($1, caller: $2, in: $3) }
    }

    func updateRenewalSettings(
        _ request: Subscriptions.UpdateRenewalSettingsRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Subscription {
        let operations = operations
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Subscription(
                try operations.updateRenewalSettings(
                    request.subscriptionId, autoRenew: request.autoRenew, renewalSku: request.renewalSku,
                    etag: request.etag, reason: request.reason, caller: caller, in: tx))
        }
    }

    func startPaidService(_ request: Subscriptions.StateChangeRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Subscription
    {
        try await transition(context, request) { try $0.startPaidService($1, caller: $2, in: $3) }
    }

    func listHistory(
        _ request: Subscriptions.ListHistoryRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Page<PartnerAPI.SubscriptionChange> {
        let operations = operations
        return try await backend.readPage(
            context, request.pageSize, request.pageToken, as: PartnerAPI.SubscriptionChange.init
        ) {
            page, caller, tx in try operations.listHistory(request.subscriptionId, page: page, caller: caller, in: tx)
        }
    }

    /// Runs one state change (suspend, activate, cancel, start paid service) as an idempotent
    /// write and answers the subscription it leaves.
    private func transition(
        _ context: RPCServerContext, _ request: Subscriptions.StateChangeRequest,
        _ change:
            @escaping @Sendable (SubscriptionOperations, SubscriptionTransition, Caller, any StoreWriting) throws
            -> PartnerCore.Subscription
    ) async throws -> PartnerAPI.Subscription {
        let operations = operations
        let input = SubscriptionTransition(
            subscriptionId: request.subscriptionId, etag: request.etag, reason: request.reason)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Subscription(try change(operations, input, caller, tx))
        }
    }
}

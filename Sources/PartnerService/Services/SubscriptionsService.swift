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
        let page = WireMapping.pageRequest(request.pageSize, request.pageToken)
        let filter = SubscriptionFilter(customerId: request.customerId)
        return try await backend.read(context) { caller, tx in
            WireMapping.page(try operations.list(filter, page: page, caller: caller, in: tx)) {
                PartnerAPI.Subscription($0)
            }
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

    func suspend(
        _ request: Subscriptions.StateChangeRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Subscription {
        let operations = operations
        let input = Self.transition(request)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Subscription(try operations.suspend(input, caller: caller, in: tx))
        }
    }

    func activate(
        _ request: Subscriptions.StateChangeRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Subscription {
        let operations = operations
        let input = Self.transition(request)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Subscription(try operations.activate(input, caller: caller, in: tx))
        }
    }

    func cancel(
        _ request: Subscriptions.StateChangeRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Subscription {
        let operations = operations
        let input = Self.transition(request)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Subscription(try operations.cancel(input, caller: caller, in: tx))
        }
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

    func startPaidService(
        _ request: Subscriptions.StateChangeRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Subscription {
        let operations = operations
        let input = Self.transition(request)
        return try await backend.write(context, request: request) { caller, tx in
            PartnerAPI.Subscription(try operations.startPaidService(input, caller: caller, in: tx))
        }
    }

    func listHistory(
        _ request: Subscriptions.ListHistoryRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Page<PartnerAPI.SubscriptionChange> {
        let operations = operations
        let page = WireMapping.pageRequest(request.pageSize, request.pageToken)
        return try await backend.read(context) { caller, tx in
            WireMapping.page(try operations.listHistory(request.subscriptionId, page: page, caller: caller, in: tx)) {
                PartnerAPI.SubscriptionChange($0)
            }
        }
    }

    private static func transition(_ request: Subscriptions.StateChangeRequest) -> SubscriptionTransition {
        SubscriptionTransition(subscriptionId: request.subscriptionId, etag: request.etag, reason: request.reason)
    }
}

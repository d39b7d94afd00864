import FramedRPC
import PartnerAPI
import PartnerCore

/// `Orders.*`: buying a SKU for a customer, and the orders placed.
struct OrdersService: Orders.ServiceProtocol {
    let backend: PartnerBackend
    var operations: OrderOperations { PartnerDomain(context: backend.context).orders }

    func place(_ request: Orders.PlaceRequest, context: RPCServerContext) async throws -> Orders.PlaceResponse {
        let operations = operations
        let input = NewOrder(
            customerId: request.customerId, sku: request.sku, seats: request.seats, trial: request.trial ?? false)
        return try await backend.write(context, request: request) { caller, tx in
            let placed = try operations.place(input, caller: caller, in: tx)
            return Orders.PlaceResponse(
                order: PartnerAPI.Order(placed.order), subscription: PartnerAPI.Subscription(placed.subscription))
        }
    }

    func list(_ request: Orders.ListRequest, context: RPCServerContext) async throws
        -> PartnerAPI.Page<PartnerAPI.Order>
    {
        let operations = operations
        return try await backend.readPage(context, request.pageSize, request.pageToken, as: PartnerAPI.Order.init) {
            page, caller, tx in try operations.list(customerId: request.customerId, page: page, caller: caller, in: tx)
        }
    }
}

import FramedRPC

extension PartnerApplication {
    /// The commerce services: catalogue, orders, subscriptions, invoices and the event feed.
    static func commerceServices(backend: PartnerBackend) -> [any RPCService] {
        [
            CatalogService(backend: backend), OrdersService(backend: backend), SubscriptionsService(backend: backend),
            InvoicesService(backend: backend), EventsService(backend: backend),
        ]
    }
}

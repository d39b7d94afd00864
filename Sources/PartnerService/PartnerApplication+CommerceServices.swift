import FramedRPC

extension PartnerApplication {
    /// The commerce services: catalogue, orders, subscriptions, invoices and the event feed.
    static func commerceServices(backend: PartnerBackend) -> [any RPCService] {
        []
    }
}

/// The commerce areas on the domain's front door, over the standard catalogue.
///
/// Wire `SubscriptionLiveness()` into `DomainContext.liveSubscriptions` so that
/// `Customers.Delete` sees live subscriptions.
extension PartnerDomain {
    /// `Catalog.ListProducts`.
    public var catalog: CatalogOperations { CatalogOperations(catalog: .standard) }
    /// `Orders.*`.
    public var orders: OrderOperations { OrderOperations(context: context, catalog: .standard) }
    /// `Subscriptions.*`.
    public var subscriptions: SubscriptionOperations { SubscriptionOperations(context: context, catalog: .standard) }
    /// `Invoices.*`.
    public var invoices: InvoiceOperations { InvoiceOperations(context: context) }
}

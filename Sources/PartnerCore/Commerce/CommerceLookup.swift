/// Partner-scoped reads shared by the commerce operations. Every miss, and every record of
/// another partner, is the same NOT_FOUND.
enum CommerceLookup {
    /// The customer `id` of `partnerId`; deleted customers are not found.
    static func customer(_ id: String, of partnerId: String, in tx: any StoreReading) throws -> Customer {
        guard !id.isEmpty else { throw DomainError.required("customerId") }
        return try CustomerOperations.fetch(id, partnerId: partnerId, in: tx)
    }

    /// The subscription `id` of `partnerId`.
    static func subscription(_ id: String, of partnerId: String, in tx: any StoreReading) throws -> Subscription {
        guard !id.isEmpty else { throw DomainError.required("subscriptionId") }
        guard let subscription = try tx.get(Subscription.self, id: id), subscription.partnerId == partnerId else {
            throw DomainError.notFound("subscription", id, field: "subscriptionId")
        }
        return subscription
    }

    /// The invoice `id` of `partnerId`.
    static func invoice(_ id: String, of partnerId: String, in tx: any StoreReading) throws -> Invoice {
        guard !id.isEmpty else { throw DomainError.required("invoiceId") }
        guard let invoice = try tx.get(Invoice.self, id: id), invoice.partnerId == partnerId else {
            throw DomainError.notFound("invoice", id, field: "invoiceId")
        }
        return invoice
    }

    /// The SKU `skuId` of the catalogue.
    static func product(_ skuId: String, in catalog: Catalog) throws -> Product {
        guard !skuId.isEmpty else { throw DomainError.required("sku") }
        guard let product = catalog.product(skuId) else { throw DomainError.notFound("SKU", skuId, field: "sku") }
        return product
    }

    /// Every subscription of the customer, oldest first.
    static func subscriptions(ofCustomer customerId: String, partnerId: String, in tx: any StoreReading) throws
        -> [Subscription]
    {
        try tx.list(
            Subscription.self, partnerId: partnerId, lookupKey: "customer:\(customerId)", after: nil, limit: .max)
    }

    /// A subscription's history in sequence order (ids are time-ordered only since schema 2).
    static func history(of subscriptionId: String, partnerId: String, in tx: any StoreReading) throws
        -> [SubscriptionChange]
    {
        try tx.list(
            SubscriptionChange.self, partnerId: partnerId, lookupKey: "target:\(subscriptionId)", after: nil,
            limit: .max
        ).sorted { $0.sequence < $1.sequence }
    }

    /// The last `limit` entries of a subscription's history in sequence order, and whether
    /// older ones exist. Reads the history in batches, keeping only the newest `limit`, so the
    /// answer stays small however long the history grows.
    static func recentHistory(of subscriptionId: String, partnerId: String, limit: Int, in tx: any StoreReading)
        throws -> (entries: [SubscriptionChange], truncated: Bool)
    {
        var kept: [SubscriptionChange] = []
        var total = 0
        var cursor: String?
        while true {
            let batch = try tx.list(
                SubscriptionChange.self, partnerId: partnerId, lookupKey: "target:\(subscriptionId)", after: cursor,
                limit: 500)
            total += batch.count
            kept.append(contentsOf: batch)
            if kept.count > 2 * limit {
                kept = Array(kept.sorted { $0.sequence < $1.sequence }.suffix(limit))
            }
            guard let last = batch.last, batch.count == 500 else { break }
            cursor = last.id
        }
        return (Array(kept.sorted { $0.sequence < $1.sequence }.suffix(limit)), total > limit)
    }
}

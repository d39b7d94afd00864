/// `Catalog.ListProducts`: what the partner can sell, optionally narrowed to what one customer
/// may buy.
public struct CatalogOperations: Sendable {
    /// The catalogue served.
    public let catalog: Catalog

    /// Creates the operations.
    public init(catalog: Catalog = .standard) {
        self.catalog = catalog
    }

    /// `Catalog.ListProducts`. With `customerId`, only the SKUs that customer is eligible for
    /// (rule `eligibleProductsOnly`: customer type, team customers limited to Essentials until
    /// domain-verified, education only); add-on bases are checked when ordering.
    /// - Throws: PERMISSION_DENIED (no role); NOT_FOUND `customerId` when given and not the
    ///   partner's (or deleted).
    public func listProducts(customerId: String? = nil, caller: Caller, in tx: any StoreReading) throws
        -> CatalogListing
    {
        try Policy.authorize(.catalogListProducts, caller)
        var products = catalog.products
        if let customerId, !customerId.isEmpty {
            let customer = try CommerceLookup.customer(customerId, of: caller.partnerId, in: tx)
            products = catalog.products(eligibleFor: CommerceRules.purchaser(customer))
        }
        let familyIds = Set(products.map(\.familyId))
        return CatalogListing(families: catalog.families.filter { familyIds.contains($0.id) }, products: products)
    }
}

/// `Catalog.ListProducts` result: SKUs in catalogue order and the families they belong to.
public struct CatalogListing: Sendable, Hashable, Codable {
    /// The families of the listed SKUs, in catalogue order.
    public var families: [ProductFamily]
    /// The SKUs.
    public var products: [Product]

    /// Creates a listing.
    public init(families: [ProductFamily], products: [Product]) {
        self.families = families
        self.products = products
    }
}

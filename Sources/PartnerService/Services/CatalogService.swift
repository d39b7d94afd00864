import FramedRPC
import PartnerAPI
import PartnerCore

/// `Catalog.*`: the product catalogue, or what one customer may buy.
struct CatalogService: PartnerAPI.Catalog.ServiceProtocol {
    let backend: PartnerBackend
    var operations: CatalogOperations { PartnerDomain(context: backend.context).catalog }

    func listProducts(
        _ request: PartnerAPI.Catalog.ListProductsRequest, context: RPCServerContext
    ) async throws -> PartnerAPI.Catalog.ListProductsResponse {
        let operations = operations
        return try await backend.read(context) { caller, tx in
            let listing = try operations.listProducts(customerId: request.customerId, caller: caller, in: tx)
            let families = Dictionary(listing.families.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return PartnerAPI.Catalog.ListProductsResponse(
                items: listing.products.map { PartnerAPI.Product($0, family: families[$0.familyId]) })
        }
    }
}

/// Why a customer may not buy a SKU. Each case maps to one status in `Orders.Place`.
public enum Ineligibility: Sendable, Hashable {
    /// The SKU is not sold to this customer type at all (FAILED_PRECONDITION, field `sku`).
    case customerTypeNotEligible
    /// The SKU is for education institutions only (FAILED_PRECONDITION, field `sku`).
    case educationOnly
    /// A team customer with an unverified domain may buy Essentials products only
    /// (FAILED_PRECONDITION, field `sku`).
    case teamDomainNotVerified

    /// A plain-words reason naming the SKU.
    public func message(skuId: String) -> String {
        switch self {
        case .customerTypeNotEligible:
            return "SKU \(skuId) is not sold to this customer type"
        case .educationOnly:
            return "SKU \(skuId) is sold to education institutions only"
        case .teamDomainNotVerified:
            return
                "team customers can buy Essentials products only until their domain is verified; \(skuId) is not an Essentials product"
        }
    }
}

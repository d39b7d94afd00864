/// What an add-on SKU needs the customer to hold already: a live subscription of one named SKU,
/// or of any SKU of one family.
public enum BaseRequirement: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A live subscription of this exact SKU.
    case sku(String)
    /// A live subscription of any SKU of this family.
    case family(String)

    /// Whether a held SKU of `familyId` satisfies the requirement.
    public func isSatisfied(bySkuId skuId: String, familyId: String) -> Bool {
        switch self {
        case .sku(let wanted): return wanted == skuId
        case .family(let wanted): return wanted == familyId
        }
    }

    /// "sku-id" or "family:family-id", the catalogue table's spelling.
    public var description: String {
        switch self {
        case .sku(let id): return id
        case .family(let id): return "family:\(id)"
        }
    }
}

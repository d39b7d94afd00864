/// The product catalogue: families and their SKUs, validated as a whole, with the eligibility
/// rules that decide which customer may buy which SKU.
///
/// The standard catalogue is parsed from the table in `CatalogTable.standardText`
/// (see `CatalogTableParser` for the format).
public struct Catalog: Sendable, Hashable {
    /// Families in table order.
    public let families: [ProductFamily]
    /// SKUs in table order.
    public let products: [Product]
    private let familyIndex: [String: Int]
    private let productIndex: [String: Int]

    /// Builds a catalogue, checking that ids are unique, every SKU names a known family, seat
    /// maximums are at least 1, prices are not negative, and add-on requirements name known SKUs
    /// or families.
    /// - Throws: `CatalogTableError` (line 0) naming the first inconsistency.
    public init(families: [ProductFamily], products: [Product]) throws {
        var familyIndex: [String: Int] = [:]
        for (offset, family) in families.enumerated() {
            guard familyIndex.updateValue(offset, forKey: family.id) == nil else {
                throw CatalogTableError(line: 0, message: "family \(family.id) is defined twice")
            }
        }
        var productIndex: [String: Int] = [:]
        for (offset, product) in products.enumerated() {
            guard productIndex.updateValue(offset, forKey: product.skuId) == nil else {
                throw CatalogTableError(line: 0, message: "SKU \(product.skuId) is defined twice")
            }
            guard familyIndex[product.familyId] != nil else {
                throw CatalogTableError(
                    line: 0, message: "SKU \(product.skuId) names unknown family \(product.familyId)")
            }
            guard product.maxSeats >= 1 else {
                throw CatalogTableError(
                    line: 0, message: "SKU \(product.skuId) has seat maximum \(product.maxSeats); it must be at least 1"
                )
            }
            guard product.unitPrice.minorUnits >= 0 else {
                throw CatalogTableError(line: 0, message: "SKU \(product.skuId) has a negative price")
            }
            guard product.eligibility.domainCustomers || product.eligibility.teamCustomers else {
                throw CatalogTableError(line: 0, message: "SKU \(product.skuId) is sold to no customer type")
            }
        }
        for product in products {
            for requirement in product.requiresAnyOf {
                switch requirement {
                case .sku(let id):
                    guard let base = productIndex[id], !products[base].isAddOn else {
                        throw CatalogTableError(
                            line: 0, message: "add-on \(product.skuId) requires \(id), which is not a base SKU")
                    }
                case .family(let id):
                    guard familyIndex[id] != nil else {
                        throw CatalogTableError(
                            line: 0, message: "add-on \(product.skuId) requires unknown family \(id)")
                    }
                    guard id != product.familyId else {
                        throw CatalogTableError(line: 0, message: "add-on \(product.skuId) requires its own family")
                    }
                }
            }
        }
        self.families = families
        self.products = products
        self.familyIndex = familyIndex
        self.productIndex = productIndex
    }

    /// The SKU with `skuId`, or `nil`.
    public func product(_ skuId: String) -> Product? {
        productIndex[skuId].map { products[$0] }
    }

    /// The family with `id`, or `nil`.
    public func family(_ id: String) -> ProductFamily? {
        familyIndex[id].map { families[$0] }
    }

    /// Why a customer described by `profile` may not buy `product`, or `nil` when it may.
    ///
    /// Rules, checked in this order:
    /// 1. `customerTypeNotEligible`: the SKU is not sold to the customer's type.
    /// 2. `teamDomainNotVerified`: a team customer whose domain is not verified may buy only
    ///    SKUs of an Essentials family.
    /// 3. `educationOnly`: an education-only SKU needs an education customer.
    public func ineligibility(of product: Product, for profile: PurchaserProfile) -> Ineligibility? {
        let typeAllowed =
            profile.isTeamCustomer ? product.eligibility.teamCustomers : product.eligibility.domainCustomers
        guard typeAllowed else { return .customerTypeNotEligible }
        if profile.isTeamCustomer, !profile.domainVerified, family(product.familyId)?.essentials != true {
            return .teamDomainNotVerified
        }
        if product.eligibility.educationOnly, !profile.isEducation { return .educationOnly }
        return nil
    }

    /// The SKUs `profile` may buy (eligibility only; add-on bases are checked when ordering),
    /// in catalogue order.
    public func products(eligibleFor profile: PurchaserProfile) -> [Product] {
        products.filter { ineligibility(of: $0, for: profile) == nil }
    }

    /// The standard catalogue parsed from `CatalogTable.standardText`.
    public static let standard: Catalog = {
        do {
            return try CatalogTableParser.parse(CatalogTable.standardText)
        } catch {
            fatalError("the embedded catalogue table is invalid: \(error)")
        }
    }()
}

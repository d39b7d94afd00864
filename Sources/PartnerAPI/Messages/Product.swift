public import FramedJSON

/// A SKU in the catalogue.
public struct Product: Codable, Sendable, Hashable, JSONCodable {
    /// SKU id.
    public var sku: String
    /// Product family; one SKU per family per customer.
    public var family: String
    /// Name.
    public var name: String
    /// MONTHLY, ANNUAL or FLEXIBLE.
    public var plan: Plan
    /// Price per seat per month.
    public var unitPrice: Money
    /// Seat maximum.
    public var maxSeats: Int
    /// Who may buy it.
    public var customerTypes: [CustomerType]
    /// Only for education customers.
    public var educationOnly: Bool
    /// The base SKU an add-on needs.
    public var requiresSku: String?
    /// Description.
    public var description: String?

    /// Creates the message.
    public init(
        sku: String, family: String, name: String, plan: Plan, unitPrice: Money, maxSeats: Int,
        customerTypes: [CustomerType], educationOnly: Bool, requiresSku: String? = nil, description: String? = nil
    ) {
        self.sku = sku
        self.family = family
        self.name = name
        self.plan = plan
        self.unitPrice = unitPrice
        self.maxSeats = maxSeats
        self.customerTypes = customerTypes
        self.educationOnly = educationOnly
        self.requiresSku = requiresSku
        self.description = description
    }
}

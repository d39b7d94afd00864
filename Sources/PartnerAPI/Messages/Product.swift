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
    public init(sku: String, family: String, name: String, plan: Plan, unitPrice: Money, maxSeats: Int, customerTypes: [CustomerType], educationOnly: Bool, requiresSku: String? = nil, description: String? = nil) {
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

// MARK: JSON coding

extension Product {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("sku")
        writer.string(sku)
        writer.key("family")
        writer.string(family)
        writer.key("name")
        writer.string(name)
        writer.key("plan")
        writer.string(plan.rawValue)
        writer.key("unitPrice")
        unitPrice.encode(to: &writer)
        writer.key("maxSeats")
        writer.int(maxSeats)
        writer.key("customerTypes")
        writer.beginArray()
        for element in customerTypes {
            writer.string(element.rawValue)
        }
        writer.endArray()
        writer.key("educationOnly")
        writer.bool(educationOnly)
        if let requiresSku {
            writer.key("requiresSku")
            writer.string(requiresSku)
        }
        if let description {
            writer.key("description")
            writer.string(description)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.sku = try fields.required("sku")
        self.family = try fields.required("family")
        self.name = try fields.required("name")
        self.plan = try fields.required("plan")
        self.unitPrice = try fields.required("unitPrice")
        self.maxSeats = try fields.required("maxSeats")
        self.customerTypes = try fields.required("customerTypes")
        self.educationOnly = try fields.required("educationOnly")
        self.requiresSku = try fields.optional("requiresSku")
        self.description = try fields.optional("description")
    }
}

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

// MARK: JSON coding

extension Product: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"sku\":", into: &out)
        WireBytes.string(sku, into: &out)
        WireBytes.literal(",\"family\":", into: &out)
        WireBytes.string(family, into: &out)
        WireBytes.literal(",\"name\":", into: &out)
        WireBytes.string(name, into: &out)
        WireBytes.literal(",\"plan\":", into: &out)
        WireBytes.string(plan.rawValue, into: &out)
        WireBytes.literal(",\"unitPrice\":", into: &out)
        unitPrice.write(into: &out)
        WireBytes.literal(",\"maxSeats\":", into: &out)
        WireBytes.int(maxSeats, into: &out)
        WireBytes.literal(",\"customerTypes\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in customerTypes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element.rawValue, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        WireBytes.literal(",\"educationOnly\":", into: &out)
        WireBytes.bool(educationOnly, into: &out)
        if let requiresSku {
            WireBytes.literal(",\"requiresSku\":", into: &out)
            WireBytes.string(requiresSku, into: &out)
        }
        if let description {
            WireBytes.literal(",\"description\":", into: &out)
            WireBytes.string(description, into: &out)
        }
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

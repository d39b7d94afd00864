public import FramedJSON

/// One subscription's charge for a billing month.
public struct InvoiceLine: Codable, Sendable, Hashable, JSONCodable {
    /// Subscription.
    public var subscriptionId: String
    /// SKU.
    public var sku: String
    /// Text.
    public var description: String
    /// Seat-days billed.
    public var seatDays: Int
    /// Price per seat per month.
    public var unitPrice: Money
    /// Line amount.
    public var amount: Money

    /// Creates the message.
    public init(
        subscriptionId: String, sku: String, description: String, seatDays: Int, unitPrice: Money, amount: Money
    ) {
        self.subscriptionId = subscriptionId
        self.sku = sku
        self.description = description
        self.seatDays = seatDays
        self.unitPrice = unitPrice
        self.amount = amount
    }
}

// MARK: JSON coding

extension InvoiceLine: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"subscriptionId\":", into: &out)
        WireBytes.string(subscriptionId, into: &out)
        WireBytes.literal(",\"sku\":", into: &out)
        WireBytes.string(sku, into: &out)
        WireBytes.literal(",\"description\":", into: &out)
        WireBytes.string(description, into: &out)
        WireBytes.literal(",\"seatDays\":", into: &out)
        WireBytes.int(seatDays, into: &out)
        WireBytes.literal(",\"unitPrice\":", into: &out)
        unitPrice.write(into: &out)
        WireBytes.literal(",\"amount\":", into: &out)
        amount.write(into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.subscriptionId = try fields.required("subscriptionId")
        self.sku = try fields.required("sku")
        self.description = try fields.required("description")
        self.seatDays = try fields.required("seatDays")
        self.unitPrice = try fields.required("unitPrice")
        self.amount = try fields.required("amount")
    }
}

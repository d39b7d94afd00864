public import FramedJSON

/// A customer's invoice for one billing month.
public struct Invoice: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Invoice number.
    public var number: String
    /// Customer.
    public var customerId: String
    /// YYYY-MM.
    public var billingMonth: String
    /// Lines.
    public var lines: [InvoiceLine]
    /// Sum of the lines.
    public var subtotal: Money
    /// RFC 3339.
    public var createTime: String

    /// Creates the message.
    public init(
        id: String, number: String, customerId: String, billingMonth: String, lines: [InvoiceLine], subtotal: Money,
        createTime: String
    ) {
        self.id = id
        self.number = number
        self.customerId = customerId
        self.billingMonth = billingMonth
        self.lines = lines
        self.subtotal = subtotal
        self.createTime = createTime
    }
}

// MARK: JSON coding

extension Invoice: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"id\":", into: &out)
        WireBytes.string(id, into: &out)
        WireBytes.literal(",\"number\":", into: &out)
        WireBytes.string(number, into: &out)
        WireBytes.literal(",\"customerId\":", into: &out)
        WireBytes.string(customerId, into: &out)
        WireBytes.literal(",\"billingMonth\":", into: &out)
        WireBytes.string(billingMonth, into: &out)
        WireBytes.literal(",\"lines\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in lines.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            element.write(into: &out)
        }
        out.append(UInt8(ascii: "]"))
        WireBytes.literal(",\"subtotal\":", into: &out)
        subtotal.write(into: &out)
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.number = try fields.required("number")
        self.customerId = try fields.required("customerId")
        self.billingMonth = try fields.required("billingMonth")
        self.lines = try fields.required("lines")
        self.subtotal = try fields.required("subtotal")
        self.createTime = try fields.required("createTime")
    }
}

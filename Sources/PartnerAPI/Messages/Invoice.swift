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
    public init(id: String, number: String, customerId: String, billingMonth: String, lines: [InvoiceLine], subtotal: Money, createTime: String) {
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

extension Invoice {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("number")
        writer.string(number)
        writer.key("customerId")
        writer.string(customerId)
        writer.key("billingMonth")
        writer.string(billingMonth)
        writer.key("lines")
        writer.beginArray()
        for element in lines {
            element.encode(to: &writer)
        }
        writer.endArray()
        writer.key("subtotal")
        subtotal.encode(to: &writer)
        writer.key("createTime")
        writer.string(createTime)
        writer.endObject()
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

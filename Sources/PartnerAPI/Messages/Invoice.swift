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

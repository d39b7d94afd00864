/// A customer's invoice for one billing month in one currency, issued when the partner closes
/// the period. Immutable once stored: closing the period again finds it instead of making
/// another one.
public struct Invoice: StoredRecord, Equatable {
    /// Stored kind `invoice`.
    public static let kind = RecordKind("invoice")

    /// Id, `inv_...`.
    public var id: String
    /// The owning partner.
    public var partnerId: String
    /// The customer billed.
    public var customerId: String
    /// The customer's display name when the invoice was issued.
    public var customerName: String
    /// The invoice number, sequential per partner and month.
    public var number: InvoiceNumber
    /// The billing month.
    public var billingMonth: BillingMonth
    /// The currency of every line and of the totals.
    public var currency: CurrencyCode
    /// The charges, one per subscription billed in the month, ordered by subscription id.
    public var lines: [InvoiceLine]
    /// Sum of the lines' amounts.
    public var subtotal: Money
    /// Amount due; equals `subtotal` (no taxes are computed here).
    public var total: Money
    /// When the period was closed.
    public var createTime: Timestamp

    /// Creates an invoice; `subtotal` and `total` are the sum of `lines`.
    /// - Throws: INVALID_ARGUMENT when a line is in another currency; OUT_OF_RANGE (field
    ///   `subtotal`) when the sum overflows.
    public init(
        id: String, partnerId: String, customerId: String, customerName: String, number: InvoiceNumber,
        currency: CurrencyCode, lines: [InvoiceLine], createTime: Timestamp
    ) throws {
        var sum = Money.zero(currency)
        for line in lines {
            guard line.amount.currency == currency else {
                throw DomainError.invalid(
                    field: "lines",
                    reason: "line for \(line.subscriptionId) is in \(line.amount.currency), invoice in \(currency)")
            }
            guard let next = sum.adding(line.amount) else {
                throw DomainError.outOfRange(field: "subtotal", "the invoice subtotal does not fit in 64 bits")
            }
            sum = next
        }
        self.id = id
        self.partnerId = partnerId
        self.customerId = customerId
        self.customerName = customerName
        self.number = number
        self.billingMonth = number.month
        self.currency = currency
        self.lines = lines
        self.subtotal = sum
        self.total = sum
        self.createTime = createTime
    }

    /// The key that makes closing a period idempotent: one invoice per partner, customer,
    /// month and currency.
    public static func periodKey(partnerId: String, customerId: String, month: BillingMonth, currency: CurrencyCode)
        -> String
    {
        "period:\(partnerId):\(customerId):\(month):\(currency)"
    }

    /// The period key and the partner-scoped number.
    public var uniqueKeys: [String] {
        [
            Invoice.periodKey(partnerId: partnerId, customerId: customerId, month: billingMonth, currency: currency),
            "number:\(partnerId):\(number)",
        ]
    }

    /// `customer:<id>` and `month:<YYYY-MM>`.
    public var lookupKeys: [String] { ["customer:\(customerId)", "month:\(billingMonth)"] }
}

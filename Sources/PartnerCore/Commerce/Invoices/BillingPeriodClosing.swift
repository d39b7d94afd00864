/// `Invoices.CloseBillingPeriod` result: every invoice of the month, whether issued by this call
/// or by an earlier one.
public struct BillingPeriodClosing: Sendable, Equatable, Codable {
    /// The month closed.
    public var billingMonth: BillingMonth
    /// The month's invoices, ordered by number.
    public var invoices: [Invoice]
    /// How many of them this call issued (0 when the period was already closed).
    public var issuedCount: Int

    /// Creates a result.
    public init(billingMonth: BillingMonth, invoices: [Invoice], issuedCount: Int) {
        self.billingMonth = billingMonth
        self.invoices = invoices
        self.issuedCount = issuedCount
    }
}

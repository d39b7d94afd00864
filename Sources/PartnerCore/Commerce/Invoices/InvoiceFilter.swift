/// `Invoices.List` filters; every given one must match.
public struct InvoiceFilter: Sendable, Hashable, Codable {
    /// Only this customer's invoices.
    public var customerId: String?
    /// Only invoices of this billing month, "YYYY-MM".
    public var billingMonth: String?

    /// Creates a filter (empty: everything).
    public init(customerId: String? = nil, billingMonth: String? = nil) {
        self.customerId = customerId
        self.billingMonth = billingMonth
    }
}

extension InvoiceFilter: PageQuery {
    private static let reflectedTypeName = String(reflecting: InvoiceFilter.self)

    /// The filter as `String(reflecting:)` writes it.
    public var pageBinding: String {
        PageQueryText(typeName: Self.reflectedTypeName).field("customerId", customerId).field(
            "billingMonth", billingMonth
        ).result()
    }
}

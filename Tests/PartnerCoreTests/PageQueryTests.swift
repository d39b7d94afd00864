import Testing

@testable import PartnerCore

/// A list's page tokens are bound to its filters written as `String(reflecting:)` writes them;
/// each filter writes that text itself, so tokens stay valid across versions of this code.
@Suite("Page query binding")
struct PageQueryTests {
    /// Strings that need escaping, or none: quotes, backslashes, controls, non-ASCII.
    static let texts: [String?] = [nil, "", "acme", "say \"hi\"", "back\\slash", "line\nbreak\ttab\u{07}", "Ünï ✓ 🎉"]

    @Test("a customer filter writes exactly its reflection, whatever its fields hold")
    func customerFilter() {
        var count = 0
        for text in Self.texts {
            for type in [nil] + CustomerType.allCases.map(Optional.some) {
                for state in [nil] + CustomerState.allCases.map(Optional.some) {
                    for education in [nil, true, false] {
                        let filter = CustomerFilter(
                            text: text, customerType: type, state: state, education: education,
                            expression: text.map { "displayName = \($0)" }, orderBy: count % 2 == 0 ? nil : "state desc"
                        )
                        #expect(filter.pageBinding == String(reflecting: filter))
                        count += 1
                    }
                }
            }
        }
        #expect(count > 100)
    }

    @Test("audit, invoice and subscription filters write exactly their reflection")
    func otherFilters() {
        for text in Self.texts {
            for time in [
                nil, Timestamp(millisecondsSinceEpoch: 0), Timestamp(millisecondsSinceEpoch: 1_780_000_123_456),
            ] {
                let audit = AuditQuery(startTime: time, endTime: time, customerId: text, agentId: text, operation: text)
                #expect(audit.pageBinding == String(reflecting: audit))
            }
            let invoice = InvoiceFilter(customerId: text, billingMonth: text)
            #expect(invoice.pageBinding == String(reflecting: invoice))
            for state in [nil] + SubscriptionState.allCases.map(Optional.some) {
                let subscription = SubscriptionFilter(customerId: text, state: state)
                #expect(subscription.pageBinding == String(reflecting: subscription))
            }
            if let text { #expect(text.pageBinding == String(reflecting: text)) }
        }
    }
}

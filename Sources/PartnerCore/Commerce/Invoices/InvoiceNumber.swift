/// An invoice number: `INV-YYYYMM-NNNNN`, the billing month and a sequence that counts the
/// partner's invoices of that month from 1 without gaps (it is drawn inside the transaction
/// that stores the invoice, so a failed close leaves no hole). Five digits at least; more when
/// the count passes 99 999.
public struct InvoiceNumber: Sendable, Hashable, Comparable, TextCodable {
    /// The billing month.
    public let month: BillingMonth
    /// The sequence within the partner's month, from 1.
    public let sequence: Int64

    /// Creates a number, or `nil` for a sequence below 1.
    public init?(month: BillingMonth, sequence: Int64) {
        guard sequence >= 1 else { return nil }
        self.month = month
        self.sequence = sequence
    }

    /// Parses `INV-YYYYMM-NNNNN`, or `nil`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "INV", parts[1].count == 6, parts[2].count >= 5,
            parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            parts[2].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let month = BillingMonth(String(parts[1].prefix(4)) + "-" + String(parts[1].suffix(2))),
            let sequence = Int64(parts[2])
        else { return nil }
        self.init(month: month, sequence: sequence)
        guard description == text else { return nil }
    }

    /// The name of the store sequence that numbers `partnerId`'s invoices of `month`.
    public static func sequenceName(partnerId: String, month: BillingMonth) -> String {
        "invoice-number:\(partnerId):\(month)"
    }

    /// `INV-YYYYMM-NNNNN`.
    public var description: String {
        let digits = String(sequence)
        let padded = String(repeating: "0", count: max(0, 5 - digits.count)) + digits
        let monthText = month.description
        return "INV-" + monthText.prefix(4) + monthText.suffix(2) + "-" + padded
    }

    /// Orders by month, then sequence.
    public static func < (lhs: InvoiceNumber, rhs: InvoiceNumber) -> Bool {
        (lhs.month, lhs.sequence) < (rhs.month, rhs.sequence)
    }

    /// How a malformed text is named.
    public static let textForm = "an invoice number"
}

/// An amount of money: an integer count of minor units (cents for USD) in one currency.
///
/// Money is never a floating-point number anywhere in the domain. Arithmetic that could
/// overflow reports it instead of trapping (see `adding(_:)`).
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The amount in minor units (1234 = 12.34 USD). May be negative for credits.
    public var minorUnits: Int64
    /// The currency.
    public var currency: CurrencyCode

    /// Creates an amount.
    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: CurrencyCode) -> Money { Money(minorUnits: 0, currency: currency) }

    /// The sum, or `nil` when the currencies differ or the sum overflows Int64.
    public func adding(_ other: Money) -> Money? {
        guard other.currency == currency else { return nil }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        return overflow ? nil : Money(minorUnits: sum, currency: currency)
    }

    /// The amount written in major units with the currency's minor digits, e.g. "12.34",
    /// "-0.05", "1200" (JPY). No grouping separators, "." as decimal mark.
    public var formattedAmount: String {
        let digits = currency.minorUnitDigits
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        guard digits > 0 else { return (negative ? "-" : "") + String(magnitude) }
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let major = magnitude / divisor
        let minor = String(magnitude % divisor)
        let padded = String(repeating: "0", count: digits - minor.count) + minor
        return (negative ? "-" : "") + "\(major).\(padded)"
    }

    /// "12.34 USD".
    public var description: String { "\(formattedAmount) \(currency.code)" }
}
